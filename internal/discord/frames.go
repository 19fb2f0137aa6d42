package discord

import (
	"encoding/binary"
	"encoding/json"
	"time"

	"github.com/gorilla/websocket"
)

// frameReader follows the websocket frames the server sends, from the
// bytes of the connection as they are read, and reports the first text
// frame's heartbeat interval (HELLO is always Discord's first message)
// and the code and reason of a close frame. It does not decode messages:
// gorilla/websocket does that for discordgo from the same bytes.
type frameReader struct {
	hello  func(interval time.Duration)
	closed func(code int, text string)

	upgraded bool // past the HTTP 101 response
	crlf     int  // bytes of "\r\n\r\n" matched so far

	header    [14]byte
	headerLen int
	inPayload bool
	opcode    byte
	masked    bool
	remaining uint64 // payload bytes still to come
	keep      []byte // payload kept of a close frame or the first text frame
	keepMax   int
	sawText   bool
}

const (
	opText  = 1
	opClose = 8
	// maxHello is the largest first text frame read for its interval;
	// HELLO is about 60 bytes.
	maxHello = 4 << 10
)

func (r *frameReader) feed(b []byte) {
	for len(b) > 0 {
		switch {
		case !r.upgraded:
			b = r.skipHTTP(b)
		case !r.inPayload:
			r.header[r.headerLen] = b[0]
			r.headerLen++
			b = b[1:]
			if r.headerLen < r.headerSize() {
				continue
			}
			r.startPayload()
		default:
			n := uint64(len(b))
			if n > r.remaining {
				n = r.remaining
			}
			if room := r.keepMax - len(r.keep); room > 0 {
				r.keep = append(r.keep, b[:min(int(n), room)]...)
			}
			b = b[n:]
			r.remaining -= n
			if r.remaining == 0 {
				r.endPayload()
			}
		}
	}
}

func (r *frameReader) skipHTTP(b []byte) []byte {
	const end = "\r\n\r\n"
	for i, c := range b {
		switch {
		case c == end[r.crlf]:
			r.crlf++
		case c == '\r':
			r.crlf = 1
		default:
			r.crlf = 0
		}
		if r.crlf == len(end) {
			r.upgraded = true
			return b[i+1:]
		}
	}
	return nil
}

// headerSize is the length of the frame header being read, as far as its
// first two bytes tell.
func (r *frameReader) headerSize() int {
	if r.headerLen < 2 {
		return 2
	}
	n := 2
	switch r.header[1] & 0x7f {
	case 126:
		n += 2
	case 127:
		n += 8
	}
	if r.header[1]&0x80 != 0 {
		n += 4
	}
	return n
}

func (r *frameReader) startPayload() {
	h := r.header[:r.headerLen]
	r.opcode = h[0] & 0x0f
	r.masked = h[1]&0x80 != 0
	switch n := h[1] & 0x7f; n {
	case 126:
		r.remaining = uint64(binary.BigEndian.Uint16(h[2:4]))
	case 127:
		r.remaining = binary.BigEndian.Uint64(h[2:10])
	default:
		r.remaining = uint64(n)
	}
	r.headerLen = 0
	r.inPayload = true
	r.keep = r.keep[:0]
	r.keepMax = 0
	switch {
	case r.masked: // servers never mask; nothing to read from it
	case r.opcode == opClose:
		r.keepMax = 125
	case r.opcode == opText && !r.sawText && r.remaining <= maxHello:
		r.keepMax = int(r.remaining)
	}
	if r.remaining == 0 {
		r.endPayload()
	}
}

func (r *frameReader) endPayload() {
	r.inPayload = false
	if r.masked {
		return
	}
	switch r.opcode {
	case opClose:
		code, text := websocket.CloseNoStatusReceived, ""
		if len(r.keep) >= 2 {
			code, text = int(binary.BigEndian.Uint16(r.keep)), string(r.keep[2:])
		}
		if r.closed != nil {
			r.closed(code, text)
		}
	case opText:
		if r.sawText {
			return
		}
		r.sawText = true
		var hello struct {
			Op int `json:"op"`
			D  struct {
				HeartbeatInterval float64 `json:"heartbeat_interval"`
			} `json:"d"`
		}
		if json.Unmarshal(r.keep, &hello) == nil && hello.Op == 10 && r.hello != nil {
			r.hello(time.Duration(hello.D.HeartbeatInterval * float64(time.Millisecond)))
		}
	}
}
