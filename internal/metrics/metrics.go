// Package metrics is okbot's Prometheus metrics: every series is named
// okbot_…, kept in a registry of its own (not the process-wide default),
// and labelled only with values from small fixed sets, never a user,
// guild, token or typed text, for the cardinality of the series and the
// privacy of the people using okbot.
package metrics

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/okbot/okbot/internal/discord"
)

// Metrics holds okbot's series. It is a discord.Observer, and counts the
// reloads of the facts too. It is safe for concurrent use.
type Metrics struct {
	reg *prometheus.Registry
	// commands are the label values the command label may take besides
	// "other".
	commands map[string]bool

	interactions  *prometheus.CounterVec
	latency       *prometheus.HistogramVec
	rejected      *prometheus.CounterVec
	restErrors    *prometheus.CounterVec
	reloads       *prometheus.CounterVec
	connected     prometheus.Gauge
	waiting       prometheus.Gauge
	resumes       prometheus.Counter
	identifies    prometheus.Counter
	reidentifies  prometheus.Counter
	fatalCloses   prometheus.Counter
	sessionStarts prometheus.Gauge

	mu         sync.Mutex
	identified bool // a session was identified before
}

// New returns okbot's metrics, with the command label limited to
// commands (every other name counts as "other"), the Go runtime's and
// the process's collectors included.
func New(commands []string) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), commands: map[string]bool{}}
	for _, c := range commands {
		m.commands[c] = true
	}
	f := func(c prometheus.Collector) { m.reg.MustRegister(c) }
	m.interactions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "okbot_interactions_total",
		Help: "Interactions read as requests, by command (other for any okbot does not have), kind (command, autocomplete, button, other) and outcome (answered, cached, apology, failed, limited).",
	}, []string{"command", "kind", "outcome"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "okbot_answer_seconds",
		Help: "Time from an interaction's arrival to its answer, by kind. Discord allows 3 s.",
		// From a cached answer (well under a millisecond) to Discord's
		// deadline.
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2, 3},
	}, []string{"kind"})
	m.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "okbot_signature_rejections_total",
		Help: "Requests the interactions endpoint refused with 401, by reason (bad_header, bad_timestamp, replay_window, bad_signature).",
	}, []string{"reason"})
	m.restErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "okbot_rest_errors_total",
		Help: "Discord REST calls refused or unanswered, by route template, HTTP status (0: no answer) and Discord error code (0: none). 429s included.",
	}, []string{"route", "status", "code"})
	m.reloads = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "okbot_reloads_total",
		Help: "Reloads of the facts, by result (ok, failed, nothing: built-in facts).",
	}, []string{"result"})
	m.connected = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "okbot_gateway_connected",
		Help: "1 while the gateway session is live (READY or RESUMED and not lost since), 0 otherwise.",
	})
	m.waiting = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "okbot_gateway_waiting_for_session_starts",
		Help: "1 while okbot waits for Discord's reset_after because no session starts are left today.",
	})
	m.identifies = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "okbot_gateway_identifies_total",
		Help: "Gateway sessions started (READY), the first included.",
	})
	m.reidentifies = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "okbot_gateway_reidentifies_total",
		Help: "Gateway sessions started after the first: the session could not be resumed.",
	})
	m.resumes = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "okbot_gateway_resumes_total",
		Help: "Gateway sessions resumed (RESUMED).",
	})
	m.fatalCloses = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "okbot_gateway_fatal_closes_total",
		Help: "Gateway closes retrying cannot fix (4004, 4010-4014); okbot stops after one.",
	})
	m.sessionStarts = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "okbot_gateway_session_starts_remaining",
		Help: "Gateway session starts Discord allows today, as it last said before a connection.",
	})
	for _, c := range []prometheus.Collector{m.interactions, m.latency, m.rejected, m.restErrors, m.reloads,
		m.connected, m.waiting, m.identifies, m.reidentifies, m.resumes, m.fatalCloses, m.sessionStarts} {
		f(c)
	}
	f(collectors.NewGoCollector())
	f(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Interaction implements discord.Observer.
func (m *Metrics) Interaction(kind, command, outcome string, latency time.Duration) {
	if !m.commands[command] {
		command = "other"
	}
	m.interactions.WithLabelValues(command, kind, outcome).Inc()
	m.latency.WithLabelValues(kind).Observe(latency.Seconds())
}

// SignatureRejected implements discord.Observer.
func (m *Metrics) SignatureRejected(reason string) {
	m.rejected.WithLabelValues(reason).Inc()
}

// RESTError implements discord.Observer.
func (m *Metrics) RESTError(route string, status, code int) {
	m.restErrors.WithLabelValues(route, strconv.Itoa(status), strconv.Itoa(code)).Inc()
}

// Gateway implements discord.Observer.
func (m *Metrics) Gateway(ev discord.GatewayEvent) {
	switch ev {
	case discord.GatewayIdentified:
		m.mu.Lock()
		again := m.identified
		m.identified = true
		m.mu.Unlock()
		m.identifies.Inc()
		if again {
			m.reidentifies.Inc()
		}
		m.connected.Set(1)
		m.waiting.Set(0)
	case discord.GatewayResumed:
		m.resumes.Inc()
		m.connected.Set(1)
		m.waiting.Set(0)
	case discord.GatewayDisconnected:
		m.connected.Set(0)
	case discord.GatewayWaiting:
		m.connected.Set(0)
		m.waiting.Set(1)
	case discord.GatewayFatalClose:
		m.connected.Set(0)
		m.fatalCloses.Inc()
	}
}

// SessionStarts implements discord.Observer.
func (m *Metrics) SessionStarts(remaining int) {
	m.sessionStarts.Set(float64(remaining))
}

// Reload counts a reload of the facts: ok, failed or nothing (built-in
// facts, nothing to reload).
func (m *Metrics) Reload(result string) {
	m.reloads.WithLabelValues(result).Inc()
}
