CREATE TABLE "alliance_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"status" varchar(16) DEFAULT 'applied' NOT NULL,
	"statement" text NOT NULL,
	"applied_by" uuid,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_memberships_status" CHECK ("alliance_memberships"."status" in ('applied', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "service_resources" (
	"service_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	CONSTRAINT "service_resources_service_id_resource_id_pk" PRIMARY KEY("service_id","resource_id")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"category" varchar(24) NOT NULL,
	"title" varchar(120) NOT NULL,
	"description" text,
	"price_kind" varchar(8) NOT NULL,
	"price_min_fen" bigint NOT NULL,
	"price_max_fen" bigint NOT NULL,
	"price_unit" varchar(8) NOT NULL,
	"turnaround_days" integer NOT NULL,
	"status" varchar(16) DEFAULT 'draft' NOT NULL,
	"search_vector" "tsvector",
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "services_category" CHECK ("services"."category" in ('resource_sharing', 'information', 'rnd', 'testing', 'training', 'tech_transfer', 'ip')),
	CONSTRAINT "services_status" CHECK ("services"."status" in ('draft', 'published', 'withdrawn')),
	CONSTRAINT "services_price_kind" CHECK ("services"."price_kind" in ('fixed', 'range')),
	CONSTRAINT "services_price_unit" CHECK ("services"."price_unit" in ('item', 'sample', 'hour', 'project')),
	CONSTRAINT "services_price_range" CHECK ("services"."price_min_fen" >= 0 and "services"."price_min_fen" <= "services"."price_max_fen"),
	CONSTRAINT "services_turnaround" CHECK ("services"."turnaround_days" between 1 and 365)
);
--> statement-breakpoint
ALTER TABLE "alliance_memberships" ADD CONSTRAINT "alliance_memberships_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_memberships" ADD CONSTRAINT "alliance_memberships_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_memberships" ADD CONSTRAINT "alliance_memberships_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_resources" ADD CONSTRAINT "service_resources_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_resources" ADD CONSTRAINT "service_resources_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alliance_memberships_institution_uq" ON "alliance_memberships" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "alliance_memberships_status_idx" ON "alliance_memberships" USING btree ("status");--> statement-breakpoint
CREATE INDEX "service_resources_resource_idx" ON "service_resources" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "services_institution_idx" ON "services" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "services_town_idx" ON "services" USING btree ("town_id");--> statement-breakpoint
CREATE INDEX "services_status_category_idx" ON "services" USING btree ("status","category");--> statement-breakpoint
CREATE INDEX "services_search_idx" ON "services" USING gin ("search_vector");