/** Credentials passed explicitly, in code or from stack config. */
export interface CredentialOptions {
    /** AccessKey ID. With `accessKeySecret`, wins over every other source. */
    accessKeyId?: string;
    /** AccessKey secret. */
    accessKeySecret?: string;
    /** STS security token, for temporary credentials. */
    securityToken?: string;
}
