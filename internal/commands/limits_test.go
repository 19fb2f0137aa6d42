package commands

import (
	"strings"
	"testing"
)

func validMessage() Response {
	return Response{
		Kind:   Message,
		Embeds: []Embed{{Title: "t", Description: "d", Fields: []Field{{Name: "n", Value: "v"}}, Footer: "f", Image: "attachment://a.png"}},
		Rows:   [][]Button{{{Label: "a", Style: Primary, CustomID: "v1:a"}, {Label: "b", Style: Link, URL: "https://example.com"}}},
		Files:  []File{{Name: "a.png", ContentType: "image/png", Data: []byte{1}}},
	}
}

func TestCheckAccepts(t *testing.T) {
	at := func(n int) string { return strings.Repeat("가", n) }
	tests := []struct {
		name string
		resp Response
	}{
		{"valid message", validMessage()},
		{"content only", Response{Kind: Message, Content: "hi"}},
		{"file only", Response{Kind: Update, Files: []File{{Name: "x.png", Data: []byte{1}}}}},
		{"limits exactly, in Hangul", Response{Kind: Message, Content: at(2000), Embeds: []Embed{{Title: at(256), Description: at(4096), Footer: at(1648)}}}},
		{"padding is trimmed", Response{Kind: Message, Embeds: []Embed{{Title: "  " + at(256) + "\n"}}}},
		{"25 fields", Response{Kind: Message, Embeds: []Embed{{Fields: fields(25, "n", "v")}}}},
		{"field sizes", Response{Kind: Message, Embeds: []Embed{{Fields: []Field{{Name: at(256), Value: at(1024)}}}}}},
		{"5 rows of 5", Response{Kind: Message, Content: "x", Rows: rows(5, 5)}},
		{"no choices", Response{Kind: Choices}},
		{"25 choices", Response{Kind: Choices, Choices: choices(25, at(100), at(100))}},
	}
	for _, tt := range tests {
		if err := Check(tt.resp); err != nil {
			t.Errorf("Check(%s) = %v, want nil", tt.name, err)
		}
	}
}

func TestCheckRejects(t *testing.T) {
	at := func(n int) string { return strings.Repeat("a", n) }
	with := func(f func(*Response)) Response {
		r := validMessage()
		f(&r)
		return r
	}
	tests := []struct {
		name string
		resp Response
		want string
	}{
		{"no kind", Response{Content: "x"}, "kind"},
		{"empty message", Response{Kind: Message}, "empty message"},
		{"blank content", Response{Kind: Message, Content: "  \n"}, "empty message"},
		{"content 2001", Response{Kind: Message, Content: at(2001)}, "content: 2001 characters"},
		{"11 embeds", Response{Kind: Message, Embeds: make11()}, "11 embeds"},
		{"empty embed", Response{Kind: Message, Embeds: []Embed{{Color: 1}}}, "empty embed"},
		{"title 257", Response{Kind: Message, Embeds: []Embed{{Title: at(257)}}}, "title: 257"},
		{"description 4097", Response{Kind: Message, Embeds: []Embed{{Description: at(4097)}}}, "description: 4097"},
		{"footer 2049", Response{Kind: Message, Embeds: []Embed{{Footer: at(2049)}}}, "footer: 2049"},
		{"26 fields", Response{Kind: Message, Embeds: []Embed{{Fields: fields(26, "n", "v")}}}, "26 fields"},
		{"field name 257", Response{Kind: Message, Embeds: []Embed{{Fields: fields(1, at(257), "v")}}}, "name: 257"},
		{"field value 1025", Response{Kind: Message, Embeds: []Embed{{Fields: fields(1, "n", at(1025))}}}, "value: 1025"},
		{"empty field name", Response{Kind: Message, Embeds: []Embed{{Fields: fields(1, " ", "v")}}}, "name: empty"},
		{"empty field value", Response{Kind: Message, Embeds: []Embed{{Fields: fields(1, "n", "")}}}, "value: empty"},
		{"6001 in all", Response{Kind: Message, Embeds: []Embed{{Description: at(4000)}, {Description: at(2001)}}}, "6001 characters in all"},
		{"bad colour", Response{Kind: Message, Embeds: []Embed{{Title: "t", Color: 0x1000000}}}, "colour"},
		{"image without file", with(func(r *Response) { r.Files = nil }), "names no attached file"},
		{"image not a URL", Response{Kind: Message, Embeds: []Embed{{Image: "ratings.png"}}}, "neither attachment"},
		{"bad embed URL", Response{Kind: Message, Embeds: []Embed{{Title: "t", URL: "javascript:x"}}}, "url"},
		{"file twice", with(func(r *Response) { r.Files = append(r.Files, r.Files[0]) }), "attached twice"},
		{"empty file", with(func(r *Response) { r.Files[0].Data = nil }), "no data"},
		{"6 rows", Response{Kind: Message, Content: "x", Rows: rows(6, 1)}, "6 action rows"},
		{"6 buttons", Response{Kind: Message, Content: "x", Rows: rows(1, 6)}, "6 buttons"},
		{"empty row", Response{Kind: Message, Content: "x", Rows: [][]Button{{}}}, "0 buttons"},
		{"custom_id twice", with(func(r *Response) { r.Rows[0][1] = r.Rows[0][0] }), "used twice"},
		{"custom_id empty", with(func(r *Response) { r.Rows[0][0].CustomID = "" }), "custom_id: 0 characters"},
		{"custom_id 101", with(func(r *Response) { r.Rows[0][0].CustomID = at(101) }), "custom_id: 101 characters"},
		{"label 81", with(func(r *Response) { r.Rows[0][0].Label = at(81) }), "label: 81"},
		{"label empty", with(func(r *Response) { r.Rows[0][0].Label = "" }), "label: empty"},
		{"bad style", with(func(r *Response) { r.Rows[0][0].Style = 9 }), "not a button style"},
		{"link without URL", with(func(r *Response) { r.Rows[0][1].URL = "" }), "needs an http(s) URL"},
		{"link with custom_id", with(func(r *Response) { r.Rows[0][1].CustomID = "x" }), "carry no custom_id"},
		{"choices in a message", with(func(r *Response) { r.Choices = choices(1, "a", "a") }), "only autocomplete"},
		{"26 choices", Response{Kind: Choices, Choices: choices(26, "a", "a")}, "26 choices"},
		{"choice name empty", Response{Kind: Choices, Choices: choices(1, "", "a")}, "name: empty"},
		{"choice name 101", Response{Kind: Choices, Choices: choices(1, at(101), "a")}, "name: 101"},
		{"choice value 101", Response{Kind: Choices, Choices: choices(1, "a", at(101))}, "value: 101"},
		{"choices with embeds", Response{Kind: Choices, Embeds: []Embed{{Title: "t"}}}, "only choices"},
		{"ephemeral choices", Response{Kind: Choices, Ephemeral: true}, "only choices"},
	}
	for _, tt := range tests {
		err := Check(tt.resp)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Check(%s) = %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestCheckReportsEverything(t *testing.T) {
	resp := Response{Kind: Message, Content: strings.Repeat("a", 2001), Embeds: []Embed{{Title: strings.Repeat("a", 300), Fields: fields(1, "", "")}}}
	err := Check(resp)
	if err == nil {
		t.Fatal("Check(three problems) = nil")
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 4 {
		t.Errorf("Check(four problems) reports %d:\n%v", n, err)
	}
}

func fields(n int, name, value string) []Field {
	out := make([]Field, n)
	for i := range out {
		out[i] = Field{Name: name, Value: value}
	}
	return out
}

func rows(n, per int) [][]Button {
	out := make([][]Button, n)
	for i := range out {
		for j := 0; j < per; j++ {
			out[i] = append(out[i], Button{Label: "b", Style: Secondary, CustomID: strings.Repeat("x", i*per+j+1)})
		}
	}
	return out
}

func choices(n int, name, value string) []Choice {
	out := make([]Choice, n)
	for i := range out {
		out[i] = Choice{Name: name, Value: value}
	}
	return out
}

func make11() []Embed {
	out := make([]Embed, 11)
	for i := range out {
		out[i] = Embed{Title: "t"}
	}
	return out
}

func TestCheckDefinitions(t *testing.T) {
	one, sixteen := 1, 16
	good := Definition{
		Name:        "ratings",
		Description: Localized{EN: "Ratings", KO: "시청률"},
		Options: []OptionDefinition{
			{Name: "episode", NameKO: "회차", Type: Integer, Description: Localized{EN: "Episode", KO: "회차"}, Required: true, MinValue: &one, MaxValue: &sixteen},
			{Name: "who's-it_2", Type: String, Description: Localized{EN: "x"}, Autocomplete: true, MaxLength: 100},
		},
	}
	if err := CheckDefinitions([]Definition{good}); err != nil {
		t.Errorf("CheckDefinitions(good) = %v, want nil", err)
	}
	with := func(f func(*Definition)) []Definition {
		d := good
		d.Options = append([]OptionDefinition(nil), good.Options...)
		f(&d)
		return []Definition{d}
	}
	long := strings.Repeat("a", 101)
	tests := []struct {
		name string
		defs []Definition
		want string
	}{
		{"upper case", with(func(d *Definition) { d.Name = "Ratings" }), "upper-case"},
		{"space", with(func(d *Definition) { d.Name = "season 2" }), "does not match"},
		{"empty name", with(func(d *Definition) { d.Name = "" }), "does not match"},
		{"33 characters", with(func(d *Definition) { d.Name = strings.Repeat("a", 33) }), "does not match"},
		{"bad Korean name", with(func(d *Definition) { d.NameKO = "시청 률" }), "name_ko"},
		{"no description", with(func(d *Definition) { d.Description.EN = "" }), "description: empty"},
		{"long description", with(func(d *Definition) { d.Description.EN = long }), "description: 101"},
		{"long Korean description", with(func(d *Definition) { d.Description.KO = strings.Repeat("가", 101) }), "description_ko: 101"},
		{"blank Korean description", with(func(d *Definition) { d.Description.KO = " " }), "description_ko: empty"},
		{"required after optional", with(func(d *Definition) { d.Options[0], d.Options[1] = d.Options[1], d.Options[0] }), "before optional"},
		{"option name twice", with(func(d *Definition) { d.Options[1].Name = "episode" }), "used twice"},
		{"option upper case", with(func(d *Definition) { d.Options[1].Name = "Name" }), "upper-case"},
		{"option description", with(func(d *Definition) { d.Options[1].Description.EN = long }), "description: 101"},
		{"min above max", with(func(d *Definition) { d.Options[0].MinValue = &sixteen; d.Options[0].MaxValue = &one }), "above max"},
		{"max length on integer", with(func(d *Definition) { d.Options[0].MaxLength = 3 }), "max length"},
		{"min value on string", with(func(d *Definition) { d.Options[1].MinValue = &one }), "min/max"},
		{"max length 6001", with(func(d *Definition) { d.Options[1].MaxLength = 6001 }), "max_length"},
		{"bad type", with(func(d *Definition) { d.Options[1].Type = 99 }), "not an option type"},
		{"26 options", with(func(d *Definition) {
			d.Options = nil
			for i := range 26 {
				d.Options = append(d.Options, OptionDefinition{Name: strings.Repeat("o", i+1), Type: String, Description: Localized{EN: "d"}})
			}
		}), "26 options"},
		{"over 8000", with(func(d *Definition) {
			d.Options = nil
			for i := range 25 {
				d.Options = append(d.Options, OptionDefinition{Name: strings.Repeat("o", i+1), Type: String, Description: Localized{EN: strings.Repeat("d", 400)}})
			}
		}), "more than 8000"},
		{"same command twice", []Definition{good, good}, "used twice"},
	}
	for _, tt := range tests {
		err := CheckDefinitions(tt.defs)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CheckDefinitions(%s) = %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestCheckDefinitionsTotal(t *testing.T) {
	// 25 options of 32 + 100 characters and a 32 + 100 character command:
	// 3432 characters, under 8000; Korean variants count only when longer.
	d := Definition{Name: strings.Repeat("c", 32), Description: Localized{EN: strings.Repeat("d", 100), KO: strings.Repeat("가", 100)}}
	for i := range 25 {
		d.Options = append(d.Options, OptionDefinition{Name: strings.Repeat(string(rune('a'+i)), 32), Type: String, Description: d.Description})
	}
	if err := CheckDefinitions([]Definition{d}); err != nil {
		t.Errorf("CheckDefinitions(3432 characters) = %v, want nil", err)
	}
	if got, want := longest("abc", "가나다라"), 4; got != want {
		t.Errorf("longest(abc, 가나다라) = %d, want %d", got, want)
	}
}
