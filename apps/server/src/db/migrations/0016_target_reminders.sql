CREATE TABLE "target_reminders" (
	"period_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"kind" varchar(8) NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "target_reminders_uq" UNIQUE("period_id","town_id","kind"),
	CONSTRAINT "target_reminders_kind" CHECK ("target_reminders"."kind" in ('due_7', 'due_1', 'overdue'))
);
--> statement-breakpoint
ALTER TABLE "target_reminders" ADD CONSTRAINT "target_reminders_period_id_reporting_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."reporting_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_reminders" ADD CONSTRAINT "target_reminders_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;