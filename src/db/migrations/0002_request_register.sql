CREATE SEQUENCE "public"."request_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prn" text,
	"date_of_birth" date,
	"site" text,
	"unit" text,
	"contact" text,
	"high_profile" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"type" text NOT NULL,
	"summary" text NOT NULL,
	"visible_to_requester" boolean DEFAULT false NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"track" text,
	"status" text NOT NULL,
	"subject_person_id" uuid NOT NULL,
	"subject_name" text NOT NULL,
	"requester_name" text,
	"requester_relationship" text,
	"requester_contact" text,
	"authority_method" text,
	"authority_confirmed" boolean DEFAULT false NOT NULL,
	"about_other_people" boolean DEFAULT false NOT NULL,
	"routing_reason" text,
	"description" text NOT NULL,
	"form_of_release" text,
	"assistance" text,
	"urgent_requested" boolean DEFAULT false NOT NULL,
	"urgency_reason" text,
	"urgency_decision" text,
	"urgency_decision_reason" text,
	"received_at" timestamp with time zone NOT NULL,
	"received_date" date NOT NULL,
	"triage_due_at" timestamp with time zone NOT NULL,
	"original_due_date" date NOT NULL,
	"decision_due_date" date NOT NULL,
	"transfer_due_date" date NOT NULL,
	"extension" jsonb,
	"extension_count" integer DEFAULT 0 NOT NULL,
	"transfer" jsonb,
	"clarification" jsonb,
	"assigned_officer_id" uuid,
	"recorded_by" uuid,
	"site" text,
	"escalated_to_complaint_at" timestamp with time zone,
	"decision_outcome" text,
	"released_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"verification_code_hash" text,
	"search_tokens" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requests_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_subject_person_id_persons_id_fk" FOREIGN KEY ("subject_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_assigned_officer_id_users_id_fk" FOREIGN KEY ("assigned_officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "persons_prn_unique" ON "persons" USING btree ("prn") WHERE prn is not null;--> statement-breakpoint
CREATE INDEX "persons_name_lower" ON "persons" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "request_events_request" ON "request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "requests_due" ON "requests" USING btree ("decision_due_date","id");--> statement-breakpoint
CREATE INDEX "requests_status_due" ON "requests" USING btree ("status","decision_due_date","id");--> statement-breakpoint
CREATE INDEX "requests_officer_due" ON "requests" USING btree ("assigned_officer_id","decision_due_date","id");--> statement-breakpoint
CREATE INDEX "requests_recorded_by_due" ON "requests" USING btree ("recorded_by","decision_due_date","id");--> statement-breakpoint
CREATE INDEX "requests_site_due" ON "requests" USING btree ("site","decision_due_date","id");--> statement-breakpoint
CREATE INDEX "requests_subject" ON "requests" USING btree ("subject_person_id","received_at");--> statement-breakpoint
CREATE INDEX "requests_search" ON "requests" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "requests_triage_pending" ON "requests" USING btree ("triage_due_at") WHERE status = 'awaiting-triage';