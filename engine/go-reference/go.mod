module pulumi-alicloud-message-contacts/engine/go-reference

go 1.26.6
