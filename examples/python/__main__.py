"""Pending message contact verifications, read and recorded with the alicloud-message-contacts provider plugin."""

import pulumi
import pulumi_alicloud_message_contacts as contacts

# Runs at preview and at up: every page, one consistent list.
pending = contacts.get_message_contact_verifications_output(page_size=100)

# Records the same listing in the stack's state, for policy packs and `pulumi refresh`.
record = contacts.MessageContactVerifications("pendingRecord", page_size=100)

pulumi.export("pendingCount", pending.total_count)
pulumi.export("pendingVerifications", pending.verifications)
pulumi.export("recordedTargets", record.targets)
pulumi.export("recordedByTarget", record.pending_by_target)
