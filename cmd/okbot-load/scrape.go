package main

import (
	"context"
	"fmt"
	"io"
	"net/http"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// serverStats is what soak reads from okbot's /metrics (the admin
// listener): the process's and the Go runtime's standard collectors, and
// okbot's count of reloads.
type serverStats struct {
	// RSS is process_resident_memory_bytes. In soakFigures it is the
	// lowest read over a span (see floorRSS).
	RSS float64 `json:"rss_bytes"`
	// Goroutines is go_goroutines.
	Goroutines float64 `json:"goroutines"`
	// Reloads is okbot_reloads_total by result (ok, failed, nothing).
	Reloads map[string]float64 `json:"reloads"`
}

// scrape reads serverStats from url (okbot's admin /metrics).
func scrape(ctx context.Context, client *http.Client, url string) (serverStats, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return serverStats{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return serverStats{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return serverStats{}, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	st, err := parseMetrics(resp.Body)
	if err != nil {
		return serverStats{}, fmt.Errorf("GET %s: %w", url, err)
	}
	return st, nil
}

// parseMetrics reads serverStats from the Prometheus text exposition
// format. RSS and goroutines must be there; okbot_reloads_total has no
// series until the first reload.
func parseMetrics(r io.Reader) (serverStats, error) {
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(r)
	if err != nil {
		return serverStats{}, fmt.Errorf("parsing metrics: %w", err)
	}
	var st serverStats
	if st.RSS, err = gauge(families, "process_resident_memory_bytes"); err != nil {
		return serverStats{}, err
	}
	if st.Goroutines, err = gauge(families, "go_goroutines"); err != nil {
		return serverStats{}, err
	}
	st.Reloads = map[string]float64{}
	if mf := families["okbot_reloads_total"]; mf != nil {
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "result" {
					st.Reloads[l.GetValue()] += m.GetCounter().GetValue()
				}
			}
		}
	}
	return st, nil
}

// gauge is the value of the gauge name, which must have exactly one
// series.
func gauge(families map[string]*dto.MetricFamily, name string) (float64, error) {
	mf := families[name]
	if mf == nil {
		return 0, fmt.Errorf("metrics lack %s", name)
	}
	if mf.GetType() != dto.MetricType_GAUGE || len(mf.GetMetric()) != 1 {
		return 0, fmt.Errorf("metrics: %s is not one gauge (%s, %d series)", name, mf.GetType(), len(mf.GetMetric()))
	}
	return mf.GetMetric()[0].GetGauge().GetValue(), nil
}
