package main

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// emptyBodySHA256 is the hex SHA-256 of an empty body.
const emptyBodySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// percentEncode is RFC 3986 encoding as ACS3 wants it (space as %20, * encoded, ~ not).
func percentEncode(s string) string {
	return strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(url.QueryEscape(s))
}

// canonicalQuery sorts the parameters by name and encodes them.
func canonicalQuery(params map[string]string) string {
	names := make([]string, 0, len(params))
	for name := range params {
		names = append(names, name)
	}
	sort.Strings(names)
	pairs := make([]string, 0, len(names))
	for _, name := range names {
		pairs = append(pairs, percentEncode(name)+"="+percentEncode(params[name]))
	}
	return strings.Join(pairs, "&")
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// signV3 adds the x-acs-* headers and the ACS3-HMAC-SHA256 Authorization of an empty-bodied RPC call.
func signV3(req *http.Request, query, accessKeyID, accessKeySecret string, now time.Time) {
	nonce := make([]byte, 16)
	_, _ = rand.Read(nonce)
	headers := map[string]string{
		"host":                  req.URL.Host,
		"x-acs-action":          action,
		"x-acs-version":         apiVersion,
		"x-acs-date":            now.UTC().Format("2006-01-02T15:04:05Z"),
		"x-acs-signature-nonce": hex.EncodeToString(nonce),
		"x-acs-content-sha256":  emptyBodySHA256,
	}
	names := make([]string, 0, len(headers))
	for name := range headers {
		names = append(names, name)
	}
	sort.Strings(names)
	var canonicalHeaders strings.Builder
	for _, name := range names {
		canonicalHeaders.WriteString(name + ":" + strings.TrimSpace(headers[name]) + "\n")
	}
	signedHeaders := strings.Join(names, ";")
	canonicalRequest := strings.Join([]string{req.Method, "/", query, canonicalHeaders.String(), signedHeaders, emptyBodySHA256}, "\n")
	mac := hmac.New(sha256.New, []byte(accessKeySecret))
	mac.Write([]byte("ACS3-HMAC-SHA256\n" + sha256Hex(canonicalRequest)))
	for name, value := range headers {
		if name != "host" {
			req.Header.Set(name, value)
		}
	}
	req.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+accessKeyID+",SignedHeaders="+signedHeaders+",Signature="+hex.EncodeToString(mac.Sum(nil)))
}
