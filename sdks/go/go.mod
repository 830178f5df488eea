module github.com/pulumi-alicloud-message-contacts/pulumi-alicloud-message-contacts/sdks/go

go 1.25

require github.com/pulumi/pulumi/sdk/v3 v3.269.0
