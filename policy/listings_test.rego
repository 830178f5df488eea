package lib.message_contacts.listings_test

import rego.v1

import data.lib.message_contacts.listings

# A data source read at plan time, as `tofu show -json` gives it in `prior_state`.
read(address, values) := {
	"address": address,
	"mode": "data",
	"type": "alicloudmessagecontacts_verifications",
	"name": "pending",
	"values": values,
	"sensitive_values": {"targets": [false], "verifications": [{}]},
}

values := {
	"contact_id": null,
	"total_count": 2,
	"targets": ["b***@example.com", "138****0000"],
	"verifications": [{"contact_id": "c-1", "target": "b***@example.com"}, {"contact_id": "c-2", "target": "138****0000"}],
}

plan(resources, child_modules, changes) := {
	"format_version": "1.2",
	"prior_state": {"values": {"root_module": {"resources": resources, "child_modules": child_modules}}},
	"resource_changes": changes,
}

deferred(address) := {
	"address": address,
	"mode": "data",
	"type": "alicloudmessagecontacts_verifications",
	"change": {"actions": ["read"], "after": {"page_size": 5}, "after_unknown": {"contact_id": true}},
}

test_a_listing_read_at_plan_time if {
	listings.listings == {{
		"resource": "data.alicloudmessagecontacts_verifications.pending",
		"name": "data.alicloudmessagecontacts_verifications.pending",
		"contact_id": "",
		"known": true,
		"pending_count": 2,
		"targets": ["138****0000", "b***@example.com"],
		"targets_secret": false,
	}} with input as plan([read("data.alicloudmessagecontacts_verifications.pending", values)], [], [])
}

test_listings_in_child_modules_and_other_resources_ignored if {
	child := {"address": "module.a", "resources": [read("module.a.data.alicloudmessagecontacts_verifications.x", object.union(values, {"contact_id": "c-1"}))]}
	other := {"address": "data.other_type.x", "mode": "data", "type": "other_type", "values": values}
	managed := object.union(read("alicloudmessagecontacts_verifications.y", values), {"mode": "managed"})
	found := listings.listings with input as plan([other, managed], [child], [])
	{[l.resource, l.contact_id] | some l in found} == {["module.a.data.alicloudmessagecontacts_verifications.x", "c-1"]}
}

test_a_read_deferred_to_apply_is_not_known if {
	listings.listings == {{
		"resource": "data.alicloudmessagecontacts_verifications.one",
		"name": "data.alicloudmessagecontacts_verifications.one",
		"contact_id": "",
		"known": false,
		"pending_count": 0,
		"targets": [],
		"targets_secret": false,
	}} with input as plan([], [], [deferred("data.alicloudmessagecontacts_verifications.one")])
}

test_a_deferred_read_wins_over_an_older_listing_in_prior_state if {
	address := "data.alicloudmessagecontacts_verifications.pending"
	found := listings.listings with input as plan([read(address, values)], [], [deferred(address)])
	{[l.resource, l.known] | some l in found} == {[address, false]}
}

test_a_deferred_read_names_its_contact_when_it_is_known if {
	change := json.patch(deferred("data.alicloudmessagecontacts_verifications.one"), [{"op": "add", "path": "/change/after/contact_id", "value": "c-1"}])
	[l.contact_id | some l in listings.listings] == ["c-1"] with input as plan([], [], [change])
}

test_other_changes_are_not_deferred_reads if {
	create := json.patch(deferred("data.alicloudmessagecontacts_verifications.one"), [{"op": "replace", "path": "/change/actions", "value": ["no-op"]}])
	managed := object.union(deferred("alicloudmessagecontacts_verifications.two"), {"mode": "managed"})
	listings.listings == set() with input as plan([], [], [create, managed])
	listings.listings == set() with input as {"resource_changes": null}
	listings.listings == set() with input as {}
}

test_sensitive_targets_in_the_plan_are_secret if {
	address := "data.alicloudmessagecontacts_verifications.pending"
	every sensitive in [{"targets": true}, {"verifications": [{"target": true}]}] {
		resource := object.union(read(address, values), {"sensitive_values": sensitive})
		[l.targets_secret | some l in listings.listings] == [true] with input as plan([resource], [], [])
	}
}

test_targets_come_from_the_verifications_without_a_targets_output if {
	without := object.remove(values, ["targets"])
	[l.targets | some l in listings.listings] == [["138****0000", "b***@example.com"]] with input as plan([read("data.alicloudmessagecontacts_verifications.x", without)], [], [])
}

test_the_pending_count_is_the_largest_of_the_count_and_the_lists if {
	counts := [c |
		some v in [
			object.union(values, {"total_count": 7}),
			object.union(values, {"total_count": "7"}),
			object.union(values, {"total_count": 0, "verifications": [{"target": "a"}, {"target": "a"}, {"target": "b"}]}),
		]
		some l in listings.listings with input as plan([read("data.alicloudmessagecontacts_verifications.x", v)], [], [])
		c := l.pending_count
	]
	counts == [7, 2, 3]
}

# A MessageContactVerifications as the policy pack gives it.
stack_resource(name, outputs) := {
	"urn": sprintf("urn:pulumi:dev::p::pulumi-nodejs:dynamic/alicloud:MessageContactVerifications::%s", [name]),
	"name": name,
	"type": "pulumi-nodejs:dynamic/alicloud:MessageContactVerifications",
	"outputs": outputs,
	"secret_outputs": [],
	"unknown_outputs": [],
}

pulumi_outputs := {
	"contactId": "c-1",
	"totalCount": 2,
	"targets": ["b***@example.com", "138****0000"],
	"verifications": [{"contactId": "c-1", "target": "b***@example.com"}, {"contactId": "c-1", "target": "138****0000"}],
}

test_a_recorded_pulumi_listing if {
	listings.listings == {{
		"resource": "urn:pulumi:dev::p::pulumi-nodejs:dynamic/alicloud:MessageContactVerifications::pending",
		"name": `MessageContactVerifications "pending"`,
		"contact_id": "c-1",
		"known": true,
		"pending_count": 2,
		"targets": ["138****0000", "b***@example.com"],
		"targets_secret": false,
	}} with input as {"pulumi": {"resources": [stack_resource("pending", pulumi_outputs)]}}
}

test_a_pulumi_listing_not_planned_or_unknown_is_not_known if {
	not_planned := stack_resource("a", {"contactId": "c-1", "pageSize": 5})
	unknown := object.union(stack_resource("b", pulumi_outputs), {"unknown_outputs": ["targets"]})
	found := listings.listings with input as {"pulumi": {"resources": [not_planned, unknown]}}
	{[l.name, l.known, l.contact_id] | some l in found} == {
		[`MessageContactVerifications "a"`, false, "c-1"],
		[`MessageContactVerifications "b"`, false, "c-1"],
	}
}

test_pulumi_secret_targets if {
	every resource in [
		stack_resource("a", object.union(pulumi_outputs, {"secretTargets": true})),
		object.union(stack_resource("b", pulumi_outputs), {"secret_outputs": ["verifications"]}),
	] {
		[l.targets_secret | some l in listings.listings] == [true] with input as {"pulumi": {"resources": [resource]}}
	}
	[l.targets_secret | some l in listings.listings] == [false] with input as {"pulumi": {"resources": [object.union(stack_resource("c", pulumi_outputs), {"secret_outputs": ["contactId"]})]}}
}
