CREATE TABLE "call_activity" (
	"account_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"active_calls" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "call_activity_pkey" PRIMARY KEY("account_id","membership_id"),
	CONSTRAINT "call_activity_non_negative" CHECK ("call_activity"."active_calls" >= 0)
);
--> statement-breakpoint
CREATE TABLE "call_spending" (
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"membership_id" uuid NOT NULL,
	"committed_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "call_spending_pkey" PRIMARY KEY("account_id","day","membership_id"),
	CONSTRAINT "call_spending_non_negative" CHECK ("call_spending"."committed_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "call_activity" ADD CONSTRAINT "call_activity_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_activity" ADD CONSTRAINT "call_activity_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_spending" ADD CONSTRAINT "call_spending_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_spending" ADD CONSTRAINT "call_spending_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;