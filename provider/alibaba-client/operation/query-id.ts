/** The stable id of a listing query: `<endpoint host>/ListMessageContactVerifications/<contactId or *>`. */
export function verificationsQueryId(endpointHost: string, contactId: string | undefined): string {
    return `${endpointHost}/ListMessageContactVerifications/${contactId ?? "*"}`;
}
