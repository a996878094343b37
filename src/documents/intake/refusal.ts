/**
 * Why an upload was refused. Each kind maps to one HTTP answer in the service; the message names the
 * problem in words the uploader can act on.
 */
export type RefusalKind =
  | 'empty'
  | 'too-large'
  | 'unsupported-type'
  | 'needs-conversion'
  | 'too-many-pages'
  | 'encrypted'
  | 'malformed'
  | 'bomb';

/** A file we will not take, and why. */
export class UploadRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefusal';
  }
}
