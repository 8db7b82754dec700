package loadgen

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"time"
)

// Latencies are the p50 and p99 of one way of sending.
type Latencies struct {
	P50, P99 time.Duration
}

// LatencyReport compares the same exchange sent straight to the bus and
// through the checking proxy, alternately, in one run.
type LatencyReport struct {
	N       int // exchanges each way
	Direct  Latencies
	Proxied Latencies
}

// Added is what the proxy adds at p50 and p99.
func (r LatencyReport) Added() Latencies {
	return Latencies{P50: r.Proxied.P50 - r.Direct.P50, P99: r.Proxied.P99 - r.Direct.P99}
}

// String is the line make bench prints.
func (r LatencyReport) String() string {
	a := r.Added()
	return fmt.Sprintf("proxy_added_latency: p50 %+.3f ms, p99 %+.3f ms (direct p50 %.3f / p99 %.3f ms, via proxy p50 %.3f / p99 %.3f ms, %d loopback exchanges each way, alternating, same run) (goal p50 < 1 ms added)",
		ms(a.P50), ms(a.P99), ms(r.Direct.P50), ms(r.Direct.P99), ms(r.Proxied.P50), ms(r.Proxied.P99), r.N)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// ProxyLatency sends wire n times to direct and n times to proxied (one at
// a time, alternating which goes first, keep-alive connections) and times
// each exchange from the request written to the last answer byte read.
// Any non-200 answer or transport error stops it.
func ProxyLatency(ctx context.Context, direct, proxied string, wire []byte, n int) (LatencyReport, error) {
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 2}}
	defer client.CloseIdleConnections()
	var d, p []time.Duration
	for i := 0; i < n; i++ {
		order := []string{direct, proxied}
		if i%2 == 1 {
			order = []string{proxied, direct}
		}
		for _, url := range order {
			took, err := timeOne(ctx, client, url, wire)
			if err != nil {
				return LatencyReport{}, err
			}
			if url == direct {
				d = append(d, took)
			} else {
				p = append(p, took)
			}
		}
	}
	return LatencyReport{N: n, Direct: percentiles(d), Proxied: percentiles(p)}, nil
}

func timeOne(ctx context.Context, c *http.Client, url string, wire []byte) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(wire))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/xml; charset=utf-8")
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s: HTTP %d", url, resp.StatusCode)
	}
	return took, err
}

// percentiles are the nearest-rank p50 and p99 of ds (sorted in place).
func percentiles(ds []time.Duration) Latencies {
	if len(ds) == 0 {
		return Latencies{}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	rank := func(q float64) time.Duration {
		i := int(q*float64(len(ds))+0.999999) - 1
		return ds[max(0, min(i, len(ds)-1))]
	}
	return Latencies{P50: rank(0.50), P99: rank(0.99)}
}
