/** A bad command-line argument: printed as one line naming the argument, exit code 2, nothing written. */
export class UsageError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
    this.name = 'UsageError';
  }
}
