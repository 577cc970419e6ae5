ALTER TABLE "resources" ADD COLUMN "title_vector" "tsvector" GENERATED ALWAYS AS (ts_filter(search_vector, '{a}')) STORED;--> statement-breakpoint
CREATE INDEX "resources_title_search_idx" ON "resources" USING gin ("title_vector");--> statement-breakpoint
CREATE INDEX "resources_newest_idx" ON "resources" USING btree ("published_at" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "resources_fee_idx" ON "resources" USING btree ("fee_min_fen","id");