package main

import (
	"context"
	"fmt"
	"net/url"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// verificationsDataSource lists every pending verification, from every page.
type verificationsDataSource struct{ client *client }

type verificationModel struct {
	ContactID types.String `tfsdk:"contact_id"`
	Target    types.String `tfsdk:"target"`
}

type verificationsModel struct {
	ContactID     types.String        `tfsdk:"contact_id"`
	ID            types.String        `tfsdk:"id"`
	TotalCount    types.Int64         `tfsdk:"total_count"`
	Verifications []verificationModel `tfsdk:"verifications"`
	Targets       []types.String      `tfsdk:"targets"`
}

func (d *verificationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_verifications"
}

func (d *verificationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the message contacts' pending verifications, from every page.",
		Attributes: map[string]schema.Attribute{
			"contact_id":  schema.StringAttribute{Optional: true, Description: "Only this contact's verifications."},
			"id":          schema.StringAttribute{Computed: true, Description: "The listing's identifier."},
			"total_count": schema.Int64Attribute{Computed: true, Description: "How many verifications the service counted."},
			"verifications": schema.ListAttribute{
				Computed:    true,
				Description: "Every verification, in the service's order.",
				ElementType: types.ObjectType{AttrTypes: map[string]attr.Type{"contact_id": types.StringType, "target": types.StringType}},
			},
			"targets": schema.ListAttribute{Computed: true, ElementType: types.StringType, Description: "The targets, sorted and de-duplicated."},
		},
	}
}

func (d *verificationsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if c, ok := req.ProviderData.(*client); ok {
		d.client = c
	}
}

func (d *verificationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state verificationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if d.client == nil {
		resp.Diagnostics.AddError("Provider not configured", "the provider block gave no client")
		return
	}
	listing, err := d.client.listAll(ctx, state.ContactID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("ListMessageContactVerifications failed", err.Error())
		return
	}
	host := d.client.endpoint
	if parsed, parseErr := url.Parse(d.client.endpoint); parseErr == nil && parsed.Host != "" {
		host = parsed.Host
	}
	contact := state.ContactID.ValueString()
	if contact == "" {
		contact = "*"
	}
	state.ID = types.StringValue(fmt.Sprintf("%s/ListMessageContactVerifications/%s", host, contact))
	state.TotalCount = types.Int64Value(listing.totalCount)
	state.Verifications = make([]verificationModel, 0, len(listing.items))
	seen := map[string]bool{}
	targets := []string{}
	for _, item := range listing.items {
		state.Verifications = append(state.Verifications, verificationModel{ContactID: types.StringValue(item.ContactID), Target: types.StringValue(item.Target)})
		if !seen[item.Target] {
			seen[item.Target] = true
			targets = append(targets, item.Target)
		}
	}
	sort.Strings(targets)
	state.Targets = make([]types.String, 0, len(targets))
	for _, target := range targets {
		state.Targets = append(state.Targets, types.StringValue(target))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
