// Package baseline is the floor okbot's interactions endpoint is measured
// against: what every endpoint must do and nothing more. okbot-load serves
// it (okbot-load baseline, and compare's other server), and the endpoint's
// Go benchmarks run it in-process beside okbot's (BenchmarkBaseline).
package baseline

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync"
)

// MaxBody is the largest body the baseline reads, as okbot's endpoint.
const MaxBody = 64 << 10

// fixedAnswer is the reply to every signed request.
const fixedAnswer = `{"type":4,"data":{"content":"ok"}}`

// Handler answers POST /interactions as an endpoint must and no more: it
// reads the body once into a pooled buffer behind the timestamp, verifies
// the Ed25519 signature with key, and writes fixedAnswer; 401 for a missing or
// bad signature, 413 for a body over MaxBody.
func Handler(key ed25519.PublicKey) http.HandlerFunc {
	answer := []byte(fixedAnswer)
	answerType, answerLength := []string{"application/json"}, []string{strconv.Itoa(len(answer))}
	pool := sync.Pool{New: func() any { b := new(bytes.Buffer); b.Grow(4 << 10); return b }}
	return func(w http.ResponseWriter, r *http.Request) {
		ts := r.Header.Get("X-Signature-Timestamp")
		var sig [ed25519.SignatureSize]byte
		if s := r.Header.Get("X-Signature-Ed25519"); ts == "" || len(s) != 2*len(sig) {
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		} else if _, err := hex.Decode(sig[:], []byte(s)); err != nil {
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
		buf := pool.Get().(*bytes.Buffer)
		defer pool.Put(buf)
		buf.Reset()
		buf.WriteString(ts)
		if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, MaxBody)); err != nil {
			http.Error(w, "Request Entity Too Large", http.StatusRequestEntityTooLarge)
			return
		}
		if !ed25519.Verify(key, buf.Bytes(), sig[:]) {
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
		w.Header()["Content-Type"] = answerType
		w.Header()["Content-Length"] = answerLength
		w.Write(answer)
	}
}
