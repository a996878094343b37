CREATE SEQUENCE "public"."audit_events_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "audit_access_reasons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"event_seq" bigint,
	"recorded_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_checkpoints" (
	"tree_size" bigint PRIMARY KEY NOT NULL,
	"root" text NOT NULL,
	"signed_note" text NOT NULL,
	"frontier" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_flags" (
	"event_seq" bigint PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"flags" text[] NOT NULL,
	"reasons" text[] NOT NULL,
	"explained" boolean NOT NULL,
	"outcome" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"note" text,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_flags_outcome_known" CHECK ("audit_flags"."outcome" is null or "audit_flags"."outcome" in ('justified','breach'))
);
--> statement-breakpoint
CREATE TABLE "audit_person_profiles" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"surname" text,
	"address" text,
	"staff_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_report_mailings" (
	"manager_id" uuid NOT NULL,
	"week" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_report_mailings_manager_id_week_pk" PRIMARY KEY("manager_id","week")
);
--> statement-breakpoint
CREATE TABLE "audit_staff_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"surname" text,
	"address" text,
	"unit" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from" date NOT NULL,
	"to" date,
	"site" text,
	"unit" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_relationships_dates" CHECK ("work_relationships"."to" is null or "work_relationships"."to" >= "work_relationships"."from")
);
--> statement-breakpoint
ALTER TABLE "audit_access_reasons" ADD CONSTRAINT "audit_access_reasons_staff_id_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_access_reasons" ADD CONSTRAINT "audit_access_reasons_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_flags" ADD CONSTRAINT "audit_flags_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_person_profiles" ADD CONSTRAINT "audit_person_profiles_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_person_profiles" ADD CONSTRAINT "audit_person_profiles_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_report_mailings" ADD CONSTRAINT "audit_report_mailings_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_staff_profiles" ADD CONSTRAINT "audit_staff_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_relationships" ADD CONSTRAINT "work_relationships_staff_id_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_relationships" ADD CONSTRAINT "work_relationships_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_access_reasons_staff_person" ON "audit_access_reasons" USING btree ("staff_id","person_id","at");--> statement-breakpoint
CREATE INDEX "audit_flags_at" ON "audit_flags" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_flags_staff_at" ON "audit_flags" USING btree ("staff_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "work_relationships_identity" ON "work_relationships" USING btree ("staff_id","person_id","kind","from");--> statement-breakpoint
CREATE INDEX "work_relationships_person" ON "work_relationships" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "audit_events_at" ON "audit_events" USING btree ("at");--> statement-breakpoint
-- Hand-written (issue 5): numbers now come from audit_events_seq and continue after the last event;
-- audit_head row 1 now records the sealed prefix (every seq up to it is present), which is all of them so far.
SELECT setval('audit_events_seq', greatest((SELECT coalesce(max(seq), 0) FROM audit_events), 1), (SELECT count(*) > 0 FROM audit_events));
--> statement-breakpoint
INSERT INTO audit_head (id, last_seq) VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
UPDATE audit_head SET last_seq = (SELECT coalesce(max(seq), 0) FROM audit_events) WHERE id = 1;
--> statement-breakpoint
-- Erasure required by law: the one UPDATE allowed. Only inside a transaction that set tiaki.audit_erasure
-- to 'on', only once, and only blanking details and reason and setting erased_at; every other column,
-- the leaf hash above all, stays as it was. (A column added to audit_events later must be added here.)
CREATE FUNCTION audit_events_allow_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tiaki.audit_erasure', true) = 'on'
     AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL
     AND NEW.details = '{}'::jsonb AND NEW.reason IS NULL
     AND ROW(NEW.seq, NEW.at, NEW.actor_id, NEW.actor_role, NEW.action, NEW.entity_type, NEW.entity_id,
             NEW.person_id, NEW.address, NEW.leaf_hash)
         IS NOT DISTINCT FROM
         ROW(OLD.seq, OLD.at, OLD.actor_id, OLD.actor_role, OLD.action, OLD.entity_type, OLD.entity_id,
             OLD.person_id, OLD.address, OLD.leaf_hash)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DROP TRIGGER audit_events_append_only ON audit_events;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_allow_erasure();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
-- Checkpoints are signed, so a changed one is detected; refusing change keeps honest mistakes out too.
CREATE FUNCTION audit_checkpoints_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_checkpoints is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_refuse_change();
