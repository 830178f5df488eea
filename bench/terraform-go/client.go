package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	action     = "ListMessageContactVerifications"
	apiVersion = "2022-04-19"
	pageSize   = 100
	// maxBody bounds what is read of one answer.
	maxBody = 16 << 20
)

// client lists ListMessageContactVerifications page by page.
type client struct {
	endpoint        string
	accessKeyID     string
	accessKeySecret string
}

type verification struct {
	ContactID string `json:"ContactId"`
	Target    string `json:"Target"`
}

type page struct {
	RequestID            string         `json:"RequestId"`
	TotalCount           int64          `json:"TotalCount"`
	Code                 string         `json:"Code"`
	Message              string         `json:"Message"`
	ContactVerifications []verification `json:"ContactVerifications"`
}

type listing struct {
	totalCount int64
	items      []verification
}

var httpClient = &http.Client{Timeout: 60 * time.Second}

// listAll asks for pages 1, 2, ... until TotalCount items have arrived (or a page comes back empty).
func (c *client) listAll(ctx context.Context, contactID string) (listing, error) {
	var all listing
	for number := 1; ; number++ {
		p, err := c.page(ctx, contactID, number)
		if err != nil {
			return all, err
		}
		all.totalCount = p.TotalCount
		all.items = append(all.items, p.ContactVerifications...)
		if len(p.ContactVerifications) == 0 || int64(len(all.items)) >= p.TotalCount {
			return all, nil
		}
	}
}

func (c *client) page(ctx context.Context, contactID string, number int) (page, error) {
	params := map[string]string{"PageNumber": strconv.Itoa(number), "PageSize": strconv.Itoa(pageSize)}
	if contactID != "" {
		params["ContactId"] = contactID
	}
	query := canonicalQuery(params)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(c.endpoint, "/")+"/?"+query, http.NoBody)
	if err != nil {
		return page{}, err
	}
	signV3(req, query, c.accessKeyID, c.accessKeySecret, time.Now())
	res, err := httpClient.Do(req)
	if err != nil {
		return page{}, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxBody))
	if err != nil {
		return page{}, err
	}
	var p page
	if err := json.Unmarshal(body, &p); err != nil {
		return page{}, fmt.Errorf("page %d: HTTP %d, not JSON: %w", number, res.StatusCode, err)
	}
	if res.StatusCode != http.StatusOK {
		return page{}, fmt.Errorf("page %d: HTTP %d %s (RequestId %s): %.200s", number, res.StatusCode, p.Code, p.RequestID, p.Message)
	}
	return p, nil
}
