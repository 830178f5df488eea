// Command go-reference answers, with Go's standard library, what the tests compare the Terraform provider's own
// code with: how crypto/x509 judges a certificate (as go-plugin's client, in Terraform and OpenTofu, verifies the
// provider's AutoMTLS certificate), and what time.ParseDuration makes of a list of durations. It reads JSON on
// stdin and writes JSON on stdout; the standard library only, so that it builds offline in seconds.
//
//	go-reference verify-certificate   {"der": "<base64>", "at": "<RFC 3339>"}
//	go-reference parse-durations      ["30s", "1.5h", ...]
package main

import (
	"crypto/x509"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// certificateRequest is a certificate's DER and the instant to verify it at.
type certificateRequest struct {
	DER []byte    `json:"der"`
	At  time.Time `json:"at"`
}

// certificateVerdict is what crypto/x509 says of the certificate: parsed, and verified for each usage (an empty
// error when accepted).
type certificateVerdict struct {
	ParseError string    `json:"parseError,omitempty"`
	ServerAuth string    `json:"serverAuth"`
	ClientAuth string    `json:"clientAuth"`
	IsCA       bool      `json:"isCA"`
	DNSNames   []string  `json:"dnsNames"`
	NotBefore  time.Time `json:"notBefore"`
	NotAfter   time.Time `json:"notAfter"`
	Algorithm  string    `json:"signatureAlgorithm"`
}

// verifyCertificate parses the certificate and verifies it as its own root for the name localhost, as
// go-plugin's client does (tls.Config{RootCAs: the handshake's certificate, ServerName: "localhost"}), for
// server authentication and for client authentication.
func verifyCertificate(request certificateRequest) certificateVerdict {
	certificate, err := x509.ParseCertificate(request.DER)
	if err != nil {
		return certificateVerdict{ParseError: err.Error()}
	}
	roots := x509.NewCertPool()
	roots.AddCert(certificate)
	verify := func(usage x509.ExtKeyUsage) string {
		_, err := certificate.Verify(x509.VerifyOptions{
			DNSName:     "localhost",
			Roots:       roots,
			CurrentTime: request.At,
			KeyUsages:   []x509.ExtKeyUsage{usage},
		})
		if err != nil {
			return err.Error()
		}
		return ""
	}
	return certificateVerdict{
		ServerAuth: verify(x509.ExtKeyUsageServerAuth),
		ClientAuth: verify(x509.ExtKeyUsageClientAuth),
		IsCA:       certificate.IsCA,
		DNSNames:   certificate.DNSNames,
		NotBefore:  certificate.NotBefore,
		NotAfter:   certificate.NotAfter,
		Algorithm:  certificate.SignatureAlgorithm.String(),
	}
}

// durationVerdict is what time.ParseDuration makes of one text: its nanoseconds as a decimal string (int64 does
// not fit a JSON number exactly), or that it is refused.
type durationVerdict struct {
	OK          bool   `json:"ok"`
	Nanoseconds string `json:"nanoseconds"`
}

func parseDurations(texts []string) []durationVerdict {
	verdicts := make([]durationVerdict, len(texts))
	for i, text := range texts {
		d, err := time.ParseDuration(text)
		verdicts[i] = durationVerdict{OK: err == nil, Nanoseconds: fmt.Sprint(int64(d))}
	}
	return verdicts
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go-reference verify-certificate|parse-durations < request.json")
		os.Exit(2)
	}
	decoder := json.NewDecoder(os.Stdin)
	var answer any
	switch os.Args[1] {
	case "verify-certificate":
		var request certificateRequest
		if err := decoder.Decode(&request); err != nil {
			fail(err)
		}
		answer = verifyCertificate(request)
	case "parse-durations":
		var texts []string
		if err := decoder.Decode(&texts); err != nil {
			fail(err)
		}
		answer = parseDurations(texts)
	default:
		fmt.Fprintf(os.Stderr, "go-reference: unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
	if err := json.NewEncoder(os.Stdout).Encode(answer); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "go-reference:", err)
	os.Exit(1)
}
