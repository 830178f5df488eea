// Reads the phone numbers and email addresses of Alibaba Cloud Resource Directory message contacts that are waiting to be verified (ListMessageContactVerifications), from every page.
package alicloudmessagecontacts
