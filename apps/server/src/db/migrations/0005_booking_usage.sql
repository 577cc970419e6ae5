CREATE TABLE "booking_usages" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"minutes" integer NOT NULL,
	"sample_count" integer,
	"fee_fen" bigint NOT NULL,
	"extra_charges" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"extra_fen" bigint DEFAULT 0 NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"dispute_reason" text,
	"disputed_at" timestamp with time zone,
	CONSTRAINT "booking_usages_minutes" CHECK ("booking_usages"."minutes" >= 0),
	CONSTRAINT "booking_usages_samples" CHECK ("booking_usages"."sample_count" is null or "booking_usages"."sample_count" >= 0),
	CONSTRAINT "booking_usages_money_non_negative" CHECK ("booking_usages"."fee_fen" >= 0 and "booking_usages"."extra_fen" >= 0),
	CONSTRAINT "booking_usages_extra_charges" CHECK (jsonb_typeof("booking_usages"."extra_charges") = 'array' and not jsonb_path_exists("booking_usages"."extra_charges", '$[*] ? (@.amountFen < 0)'))
);
--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_status";--> statement-breakpoint
ALTER TABLE "booking_usages" ADD CONSTRAINT "booking_usages_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_usages" ADD CONSTRAINT "booking_usages_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_usages" ADD CONSTRAINT "booking_usages_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_status" CHECK ("bookings"."status" in ('requested', 'confirmed', 'rejected', 'cancelled', 'usage_recorded', 'disputed', 'completed', 'no_show'));