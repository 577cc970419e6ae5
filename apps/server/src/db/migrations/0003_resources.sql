CREATE TABLE "resource_links" (
	"from_resource_id" uuid NOT NULL,
	"to_resource_id" uuid NOT NULL,
	"relation" varchar(16) NOT NULL,
	CONSTRAINT "resource_links_from_resource_id_to_resource_id_relation_pk" PRIMARY KEY("from_resource_id","to_resource_id","relation"),
	CONSTRAINT "resource_links_relation" CHECK ("resource_links"."relation" in ('located_in', 'leads', 'uses')),
	CONSTRAINT "resource_links_not_self" CHECK ("resource_links"."from_resource_id" <> "resource_links"."to_resource_id")
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" varchar(16) NOT NULL,
	"name" varchar(120) NOT NULL,
	"summary" text,
	"institution_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"sharing" varchar(16) DEFAULT 'open' NOT NULL,
	"review_status" varchar(16) DEFAULT 'draft' NOT NULL,
	"review_comment" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"accreditations" text[] DEFAULT '{}'::text[] NOT NULL,
	"fee_unit" varchar(8),
	"fee_min_fen" bigint,
	"fee_max_fen" bigint,
	"original_value_fen" bigint,
	"purchase_year" integer,
	"model" varchar(80),
	"manufacturer" varchar(120),
	"category" varchar(60),
	"location" varchar(200),
	"operator_required" boolean DEFAULT true NOT NULL,
	"opening_hours" jsonb,
	"specs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"contact_name" varchar(40),
	"contact_phone" varchar(20),
	"contact_email" varchar(120),
	"photo_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"search_vector" "tsvector",
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "resources_kind" CHECK ("resources"."kind" in ('instrument', 'lab', 'expert', 'result')),
	CONSTRAINT "resources_sharing" CHECK ("resources"."sharing" in ('open', 'members', 'internal')),
	CONSTRAINT "resources_review_status" CHECK ("resources"."review_status" in ('draft', 'submitted', 'published', 'rejected')),
	CONSTRAINT "resources_fee_unit" CHECK ("resources"."fee_unit" is null or "resources"."fee_unit" in ('hour', 'sample', 'day')),
	CONSTRAINT "resources_fee_range" CHECK ("resources"."fee_min_fen" is null or "resources"."fee_max_fen" is null or "resources"."fee_min_fen" <= "resources"."fee_max_fen"),
	CONSTRAINT "resources_money_non_negative" CHECK (coalesce("resources"."fee_min_fen", 0) >= 0 and coalesce("resources"."fee_max_fen", 0) >= 0 and coalesce("resources"."original_value_fen", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "resource_links" ADD CONSTRAINT "resource_links_from_resource_id_resources_id_fk" FOREIGN KEY ("from_resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_links" ADD CONSTRAINT "resource_links_to_resource_id_resources_id_fk" FOREIGN KEY ("to_resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_links_to_idx" ON "resource_links" USING btree ("to_resource_id");--> statement-breakpoint
CREATE INDEX "resources_review_sharing_idx" ON "resources" USING btree ("review_status","sharing");--> statement-breakpoint
CREATE INDEX "resources_town_idx" ON "resources" USING btree ("town_id");--> statement-breakpoint
CREATE INDEX "resources_institution_idx" ON "resources" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "resources_kind_idx" ON "resources" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "resources_search_idx" ON "resources" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "resources_name_trgm_idx" ON "resources" USING gin ("name" gin_trgm_ops);