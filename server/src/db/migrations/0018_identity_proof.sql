-- Proof of an address: confirmation links at sign-up, first sign-in links that create nobody until used,
-- invitations that join an existing person once accepted, browsers where a person has signed in (password
-- throttling spares them), and contested domain claims for platform admins.
CREATE TABLE "domain_claim_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"domain" text NOT NULL,
	"account_id" uuid NOT NULL,
	"claimed_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp (3) with time zone,
	CONSTRAINT "domain_claim_conflicts_lower_case" CHECK ("domain_claim_conflicts"."domain" = lower("domain_claim_conflicts"."domain"))
);
--> statement-breakpoint
CREATE TABLE "known_devices" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "login_tokens" DROP CONSTRAINT "login_tokens_purpose_known";--> statement-breakpoint
ALTER TABLE "login_tokens" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "login_tokens" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "login_tokens" ADD COLUMN "account_id" uuid;--> statement-breakpoint
ALTER TABLE "domain_claim_conflicts" ADD CONSTRAINT "domain_claim_conflicts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_claim_conflicts" ADD CONSTRAINT "domain_claim_conflicts_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "known_devices" ADD CONSTRAINT "known_devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "domain_claim_conflicts_open_key" ON "domain_claim_conflicts" USING btree ("domain","account_id") WHERE "domain_claim_conflicts"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "known_devices_user_id_idx" ON "known_devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "known_devices_last_used_at_idx" ON "known_devices" USING btree ("last_used_at");--> statement-breakpoint
ALTER TABLE "login_tokens" ADD CONSTRAINT "login_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_tokens_email_idx" ON "login_tokens" USING btree ("email") WHERE "login_tokens"."email" is not null;--> statement-breakpoint
ALTER TABLE "login_tokens" ADD CONSTRAINT "login_tokens_user_or_new_address" CHECK ("login_tokens"."user_id" is not null or ("login_tokens"."email" is not null and "login_tokens"."purpose" = 'magic_link'));--> statement-breakpoint
ALTER TABLE "login_tokens" ADD CONSTRAINT "login_tokens_purpose_known" CHECK ("login_tokens"."purpose" in ('magic_link', 'password_reset', 'seat_invite', 'email_confirmation'));