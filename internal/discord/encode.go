package discord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/commands"
)

// encoded is a response rendered as the body of an interaction callback,
// with its headers ready to send.
type encoded struct {
	contentType   []string
	contentLength []string
	body          []byte
}

var (
	jsonContentType = []string{"application/json"}
	// pong answers Discord's PING: {"type":1}.
	pong = func() *encoded {
		b, err := json.Marshal(&discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		if err != nil {
			panic(err)
		}
		return &encoded{contentType: jsonContentType, contentLength: []string{strconv.Itoa(len(b))}, body: b}
	}()
)

// encode renders resp exactly as discordgo would send it to the callback
// endpoint: JSON, or multipart/form-data (payload_json, files[n]) when it
// has files. Discord accepts either as the inline answer.
func encode(resp commands.Response) (*encoded, error) {
	cb := Callback(resp)
	var (
		ct   []string
		body []byte
		err  error
	)
	if ir, ok := cb.(*discordgo.InteractionResponse); ok && ir.Data != nil && len(ir.Data.Files) > 0 {
		var t string
		t, body, err = discordgo.MultipartBodyWithJSON(ir, ir.Data.Files)
		ct = []string{t}
	} else {
		body, err = json.Marshal(cb)
		ct = jsonContentType
	}
	if err != nil {
		return nil, err
	}
	return &encoded{contentType: ct, contentLength: []string{strconv.Itoa(len(body))}, body: body}, nil
}

// mustEncode encodes a fixed reply such as the apology; failing to is a
// bug.
func mustEncode(resp commands.Response) *encoded {
	enc, err := encode(resp)
	if err != nil {
		panic(fmt.Sprintf("encoding a fixed reply: %v", err))
	}
	return enc
}

// writeEncoded writes enc as a 200 answer.
func writeEncoded(w http.ResponseWriter, enc *encoded) {
	h := w.Header()
	// Assigning the shared slices avoids formatting the headers on every
	// request; net/http only reads them.
	h["Content-Type"] = enc.contentType
	h["Content-Length"] = enc.contentLength
	w.WriteHeader(http.StatusOK)
	w.Write(enc.body)
}
