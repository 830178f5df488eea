# Lists the pending message contact verifications of a Resource Directory, from every page, with the provider of
# the npm package pulumi-alicloud-message-contacts. Install it first: see README.md beside this file.
terraform {
  required_providers {
    alicloudmessagecontacts = {
      source = "pulumi-alicloud-message-contacts/alicloudmessagecontacts"
    }
  }
}

variable "region" {
  type    = string
  default = "cn-hangzhou"
}

variable "contact_id" {
  description = "One contact's verifications only (c-...); null lists every contact's."
  type        = string
  default     = null
}

variable "page_size" {
  description = "Items asked per page (1 to 100); null uses the provider's default."
  type        = number
  default     = null
}

# Credentials: ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY (or access_key/secret_key, profile, assume_role { ... }).
# The endpoint: ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER, or `endpoint`, else chosen by the region.
provider "alicloudmessagecontacts" {
  region = var.region
}

data "alicloudmessagecontacts_verifications" "pending" {
  contact_id = var.contact_id
  page_size  = var.page_size

  timeouts {
    read = "5m"
  }
}

output "total_count" {
  description = "How many verifications are pending."
  value       = data.alicloudmessagecontacts_verifications.pending.total_count
}

output "targets" {
  description = "The pending targets (masked by the service), sorted and de-duplicated."
  value       = data.alicloudmessagecontacts_verifications.pending.targets
}

output "verifications" {
  description = "Every pending verification, { contact_id, target }, in the service's order."
  value       = data.alicloudmessagecontacts_verifications.pending.verifications
}
