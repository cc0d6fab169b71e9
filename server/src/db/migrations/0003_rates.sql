CREATE TABLE "rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefix" text NOT NULL,
	"country" text NOT NULL,
	"destination" text NOT NULL,
	"type" text NOT NULL,
	"plan" text NOT NULL,
	"price_micros" integer NOT NULL,
	"cost_micros" integer,
	"source" text NOT NULL,
	"effective_from" timestamp (3) with time zone NOT NULL,
	"effective_to" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rates_prefix_digits" CHECK ("rates"."prefix" ~ '^[1-9][0-9]{0,14}$'),
	CONSTRAINT "rates_price_not_negative" CHECK ("rates"."price_micros" >= 0 and ("rates"."cost_micros" is null or "rates"."cost_micros" >= 0)),
	CONSTRAINT "rates_period" CHECK ("rates"."effective_to" is null or "rates"."effective_to" > "rates"."effective_from")
);
--> statement-breakpoint
CREATE TABLE "rates_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rates_state_single_row" CHECK ("rates_state"."id" = 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "rates_open_prefix_plan_key" ON "rates" USING btree ("prefix","plan") WHERE "rates"."effective_to" is null;--> statement-breakpoint
CREATE INDEX "rates_prefix_plan_from_idx" ON "rates" USING btree ("prefix","plan","effective_from");--> statement-breakpoint
CREATE INDEX "rates_country_idx" ON "rates" USING btree ("country");