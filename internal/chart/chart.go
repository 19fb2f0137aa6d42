// Package chart draws okbot's images. Ratings renders the per-episode
// Nielsen figures as a PNG line chart for the /ratings embed; it is drawn
// once (by the first /ratings a server answers, or when the facts are
// checked), and the same bytes go out with every reply.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	imagedraw "image/draw"
	"image/png"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/okbot/okbot/internal/facts"
)

// Width and Height of the chart in pixels. Discord shows embed images at
// up to about 400-550 px wide, so the chart is drawn at about twice that
// and the fonts are sized to stay readable after the downscale.
const (
	Width  = 1000
	Height = 560
)

// ErrNoEpisodes is returned by Ratings when there is nothing to plot.
var ErrNoEpisodes = errors.New("no episodes to chart")

// The palette. The chart is an opaque light-grey card with near-black
// text: a transparent PNG with dark text vanishes on Discord's dark theme
// (#313338) and one with light text vanishes on the light theme (#ffffff),
// while an opaque card reads the same on both. On the dark theme it shows
// as a bright card; on the light theme it is a light grey rather than
// white so that it still reads as a card on a white chat and sits quietly
// in a grey embed panel. It is light rather than mid-tone so that text and
// lines keep full contrast. The two
// series are blue and orange, a pair that stays distinct under the common
// forms of colour blindness, and they differ in marker shape as well.
var (
	background = color.NRGBA{R: 0xf2, G: 0xf3, B: 0xf5, A: 0xff}
	ink        = color.NRGBA{R: 0x1e, G: 0x1f, B: 0x22, A: 0xff} // title, axis labels
	muted      = color.NRGBA{R: 0x4e, G: 0x50, B: 0x58, A: 0xff} // ticks, caption
	gridColor  = color.NRGBA{R: 0xd6, G: 0xd9, B: 0xde, A: 0xff}
	blue       = color.NRGBA{R: 0x1f, G: 0x5f, B: 0xbf, A: 0xff} // nationwide rating
	orange     = color.NRGBA{R: 0xd0, G: 0x5a, B: 0x0a, A: 0xff} // peak
	grey       = color.NRGBA{R: 0x5c, G: 0x5f, B: 0x66, A: 0xff} // published average
)

// The canvas is drawn at 72 DPI, so every length below, font sizes
// included, is in pixels.
const (
	titleSize   = 26
	labelSize   = 19 // axis titles, legend, end-of-line labels
	tickSize    = 18
	captionSize = 16

	pad        = 22 // between the card's edge and any content
	legendGap  = 12 // below the title
	plotGap    = 16 // between the legend and the plot
	captionGap = 12 // between the x-axis title and the caption
	labelGap   = 10 // between the end of a line and its label
)

const title = "It's Okay to Not Be Okay: ratings by episode"

var (
	sans = font.Font{Typeface: "Liberation", Variant: "Sans"}
	bold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

// Ratings renders r as a Width x Height PNG: every episode's nationwide
// rating, the minute-by-minute peaks where a source gives one (an episode
// without a peak leaves a gap, never an estimate), the published average
// as a dashed reference line, and the finale labelled at the end of the
// line. The same r always gives the same bytes. It returns ErrNoEpisodes
// if r has no episodes.
func Ratings(r *facts.Ratings) ([]byte, error) {
	if r == nil || len(r.Episodes) == 0 {
		return nil, ErrNoEpisodes
	}
	eps := slices.Clone(r.Episodes)
	slices.SortFunc(eps, func(a, b facts.Episode) int { return a.Number - b.Number })
	avg := r.Summary.Average

	rating, err := ratingSeries(eps)
	if err != nil {
		return nil, err
	}
	peaks, err := peakSeries(eps)
	if err != nil {
		return nil, err
	}
	ref := averageSeries(avg)

	c := vgimg.NewWith(
		vgimg.UseWH(Width, Height),
		vgimg.UseDPI(72),
		vgimg.UseBackgroundColor(background),
	)
	dc := draw.Crop(draw.New(c), pad, -pad, pad, -pad)

	titleStyle := textStyle(bold, titleSize, ink)
	titleStyle.YAlign = draw.YTop
	dc.FillText(titleStyle, vg.Point{X: dc.Min.X, Y: dc.Max.Y}, title)
	top := dc.Max.Y - titleStyle.Height(title) - legendGap

	var legend []legendEntry
	for _, e := range []legendEntry{
		{"Nationwide rating", rating.thumbs},
		{"Peak (minute-by-minute)", peaks.thumbs},
		{"Published average", ref.thumbs},
	} {
		if len(e.thumbs) > 0 { // a series with no data has no entry
			legend = append(legend, e)
		}
	}
	top = drawLegend(dc, top, legend) - plotGap

	captionStyle := textStyle(sans, captionSize, muted)
	captionStyle.YAlign = draw.YBottom
	bottom := dc.Min.Y
	lines := caption(r.Measure.EN, eps, dc.Size().X, captionStyle)
	lines = append(lines, averageCaption(r.Summary, eps)...)
	for _, line := range slices.Backward(lines) {
		dc.FillText(captionStyle, vg.Point{X: dc.Min.X, Y: bottom}, line)
		bottom += captionStyle.FontExtents().Height
	}
	bottom += captionGap

	ends := endLabels(eps, avg)
	p := newPlot(eps, avg)
	p.Add(ref.plotters...)
	p.Add(peaks.plotters...)
	p.Add(rating.plotters...)
	p.Add(ends)

	area := dc
	area.Min.Y, area.Max.Y = bottom, top
	area.Max.X -= ends.width() + labelGap
	p.Draw(area)

	return encode(c.Image())
}

// textStyle is a plain-text style in the given font, size and colour.
func textStyle(f font.Font, size vg.Length, clr color.Color) text.Style {
	return text.Style{
		Color:   clr,
		Font:    font.From(f, size),
		Handler: plot.DefaultTextHandler,
	}
}

// newPlot sets up the axes: episode numbers on x, whole percentages on y
// over a range that fits every value with some headroom, and horizontal
// grid lines at the y ticks.
func newPlot(eps []facts.Episode, avg float64) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the card is already painted

	lo, hi := math.Inf(1), math.Inf(-1)
	if avg > 0 {
		lo, hi = avg, avg
	}
	for _, e := range eps {
		lo, hi = min(lo, e.Rating), max(hi, e.Rating)
		if e.Peak != nil {
			lo, hi = min(lo, *e.Peak), max(hi, *e.Peak)
		}
	}
	p.Y.Min = max(0, math.Floor(lo-0.2))
	p.Y.Max = math.Ceil(hi + 0.2)
	p.Y.Tick.Marker = wholeTicks(p.Y.Min, p.Y.Max, 8)
	p.Y.Label.Text = "Nielsen Korea nationwide rating (%)"

	first, last := float64(eps[0].Number), float64(eps[len(eps)-1].Number)
	p.X.Min, p.X.Max = first-0.5, last+0.3
	p.X.Tick.Marker = wholeTicks(first, last, 20)
	p.X.Label.Text = "Episode"

	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = textStyle(sans, labelSize, ink)
		a.Label.Padding = 6
		a.Tick.Label = textStyle(sans, tickSize, muted)
		a.Tick.LineStyle = draw.LineStyle{Color: muted, Width: 1}
		a.Tick.Length = 6
		a.LineStyle = draw.LineStyle{Color: muted, Width: 1}
		a.Padding = 0
		// The axis rotates the y label itself; these are the alignments
		// it expects, which textStyle resets.
		a.Label.TextStyle.XAlign = draw.XCenter
		a.Label.TextStyle.YAlign = draw.YBottom
	}
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Label.YAlign = draw.YCenter
	p.X.Tick.Label.XAlign = draw.XCenter
	p.X.Tick.Label.YAlign = draw.YTop

	grid := plotter.NewGrid()
	grid.Vertical.Color = nil // episodes are discrete; no vertical rules
	grid.Horizontal = draw.LineStyle{Color: gridColor, Width: 1}
	p.Add(grid)
	return p
}

// wholeTicks returns labelled ticks at multiples of the smallest step of
// 1, 2, 5, 10, 20, ... that puts at most n of them between lo and hi.
func wholeTicks(lo, hi float64, n int) plot.ConstantTicks {
	step := 1.0
	for i := 0; (hi-lo)/step+1 > float64(n); i++ {
		step *= []float64{2, 2.5, 2}[i%3] // 1, 2, 5, 10, 20, 50, ...
	}
	var ticks plot.ConstantTicks
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ticks
}

// series is what a data series adds to the plot and to the legend.
type series struct {
	plotters []plot.Plotter
	thumbs   []plot.Thumbnailer
}

// ratingSeries is the nationwide rating: a solid line through every
// episode with a dot on each, and a ring around the finale's dot.
func ratingSeries(eps []facts.Episode) (series, error) {
	pts := make(plotter.XYs, len(eps))
	for i, e := range eps {
		pts[i] = plotter.XY{X: float64(e.Number), Y: e.Rating}
	}
	line, dots, err := plotter.NewLinePoints(pts)
	if err != nil {
		return series{}, fmt.Errorf("rating series: %w", err)
	}
	line.LineStyle = draw.LineStyle{Color: blue, Width: 3}
	dots.GlyphStyle = draw.GlyphStyle{Color: blue, Radius: 5, Shape: draw.CircleGlyph{}}

	finale, err := plotter.NewScatter(pts[len(pts)-1:])
	if err != nil {
		return series{}, fmt.Errorf("finale marker: %w", err)
	}
	finale.GlyphStyle = draw.GlyphStyle{Color: blue, Radius: 10, Shape: ring{width: 2.5}}

	return series{
		plotters: []plot.Plotter{line, dots, finale},
		thumbs:   []plot.Thumbnailer{line, dots},
	}, nil
}

// peakSeries is the minute-by-minute peak: a thinner line with triangles,
// broken wherever an episode has no peak so that no value is implied.
// It is empty when no episode has a peak.
func peakSeries(eps []facts.Episode) (series, error) {
	var s series
	var run plotter.XYs
	flush := func() error {
		defer func() { run = nil }()
		if len(run) < 2 {
			return nil
		}
		line, err := plotter.NewLine(run)
		if err != nil {
			return fmt.Errorf("peak series: %w", err)
		}
		line.LineStyle = draw.LineStyle{Color: orange, Width: 2}
		s.plotters = append(s.plotters, line)
		return nil
	}
	var all plotter.XYs
	for _, e := range eps {
		if e.Peak == nil {
			if err := flush(); err != nil {
				return series{}, err
			}
			continue
		}
		pt := plotter.XY{X: float64(e.Number), Y: *e.Peak}
		run = append(run, pt)
		all = append(all, pt)
	}
	if err := flush(); err != nil {
		return series{}, err
	}
	if len(all) == 0 {
		return series{}, nil
	}
	marks, err := plotter.NewScatter(all)
	if err != nil {
		return series{}, fmt.Errorf("peak series: %w", err)
	}
	marks.GlyphStyle = draw.GlyphStyle{Color: orange, Radius: 6, Shape: draw.PyramidGlyph{}}
	s.plotters = append(s.plotters, marks)
	// The legend shows a line even if every run was a single point.
	thumb := &plotter.Line{LineStyle: draw.LineStyle{Color: orange, Width: 2}}
	s.thumbs = []plot.Thumbnailer{thumb, marks}
	return s, nil
}

// ring is a circle outline like draw.RingGlyph, whose fixed half-point
// line is too faint to mark the finale.
type ring struct{ width vg.Length }

func (g ring) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: g.width})
	var p vg.Path
	p.Move(vg.Point{X: pt.X + sty.Radius, Y: pt.Y})
	p.Arc(pt, sty.Radius, 0, 2*math.Pi)
	p.Close()
	c.Stroke(p)
}

// averageSeries is the published average as a dashed line across the
// plot. It is empty when no average was published (a zero Average).
func averageSeries(avg float64) series {
	if avg <= 0 {
		return series{}
	}
	l := &refLine{Y: avg, LineStyle: draw.LineStyle{
		Color: grey, Width: 2, Dashes: []vg.Length{10, 6},
	}}
	return series{plotters: []plot.Plotter{l}, thumbs: []plot.Thumbnailer{l}}
}

// refLine is a horizontal line across the whole data area.
type refLine struct {
	Y float64
	draw.LineStyle
}

func (l *refLine) Plot(c draw.Canvas, p *plot.Plot) {
	_, y := p.Transforms(&c)
	c.StrokeLine2(l.LineStyle, c.Min.X, y(l.Y), c.Max.X, y(l.Y))
}

func (l *refLine) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(l.LineStyle, c.Min.X, y, c.Max.X, y)
}

// legendEntry is one item of the legend.
type legendEntry struct {
	text   string
	thumbs []plot.Thumbnailer
}

// drawLegend draws the entries in one row whose top is at y, and returns
// the y of the row's bottom. Discord embeds are short and wide, so a row
// above the plot leaves the whole data area free.
func drawLegend(c draw.Canvas, y vg.Length, entries []legendEntry) vg.Length {
	const thumbWidth, thumbGap, entryGap = 36, 8, 30
	sty := textStyle(sans, labelSize, ink)
	sty.YAlign = draw.YCenter
	h := sty.FontExtents().Height
	mid := y - h/2
	x := c.Min.X
	for _, e := range entries {
		thumb := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: mid - h/2},
			Max: vg.Point{X: x + thumbWidth, Y: mid + h/2},
		}}
		for _, t := range e.thumbs {
			t.Thumbnail(&thumb)
		}
		x += thumbWidth + thumbGap
		c.FillText(sty, vg.Point{X: x, Y: mid}, e.text)
		x += sty.Width(e.text) + entryGap
	}
	return y - h
}

// endLabel is text set just right of the data area, level with the end
// of the line it names.
type endLabel struct {
	y     float64 // data value the label is level with
	text  string
	style text.Style
}

// endLabelSet is a plot.Plotter that draws end-of-line labels in the
// margin right of the data area, nudged apart vertically so that they
// never overlap whatever the data. Labelling the lines where they end
// keeps the labels off the data, so there is always room for them.
type endLabelSet []endLabel

// endLabels names the finale's rating and peak, and the average.
func endLabels(eps []facts.Episode, avg float64) endLabelSet {
	last := eps[len(eps)-1]
	labels := endLabelSet{{
		y:     last.Rating,
		text:  "Finale " + facts.Percent(last.Rating),
		style: textStyle(bold, labelSize, blue),
	}}
	if last.Peak != nil {
		labels = append(labels, endLabel{
			y:     *last.Peak,
			text:  "peak " + facts.Percent(*last.Peak),
			style: textStyle(sans, labelSize, orange),
		})
	}
	if avg > 0 {
		labels = append(labels, endLabel{
			y:     avg,
			text:  "published\naverage " + facts.Percent(avg),
			style: textStyle(sans, labelSize, grey),
		})
	}
	return labels
}

// width is the room the labels need right of the data area.
func (ls endLabelSet) width() vg.Length {
	var w vg.Length
	for _, l := range ls {
		w = max(w, l.style.Width(l.text))
	}
	return w
}

func (ls endLabelSet) Plot(c draw.Canvas, p *plot.Plot) {
	_, toY := p.Transforms(&c)
	type box struct {
		endLabel
		mid, h vg.Length
	}
	boxes := make([]box, len(ls))
	for i, l := range ls {
		boxes[i] = box{l, toY(l.y), l.style.Height(l.text)}
	}
	// Top to bottom; each label goes below the one above it if they
	// would overlap. The sort is stable so equal values keep their order.
	slices.SortStableFunc(boxes, func(a, b box) int {
		switch {
		case a.mid > b.mid:
			return -1
		case a.mid < b.mid:
			return 1
		}
		return 0
	})
	const gap = 4
	for i := 1; i < len(boxes); i++ {
		above := boxes[i-1]
		limit := above.mid - above.h/2 - gap - boxes[i].h/2
		boxes[i].mid = min(boxes[i].mid, limit)
	}
	for _, b := range boxes {
		sty := b.style
		sty.YAlign = draw.YCenter
		c.FillText(sty, vg.Point{X: c.Max.X + labelGap, Y: b.mid}, b.text)
	}
}

// caption is the source line, then a line naming the episodes without a
// peak, if any. The measure from the fact sheet is used when it fits on
// the line and is plain Latin text (the chart has no Hangul font).
func caption(measure string, eps []facts.Episode, width vg.Length, sty text.Style) []string {
	const suffix = " via Korean press; compiled by okbot"
	source := "Source: Nielsen Korea" + suffix
	if m := strings.TrimSpace(measure); m != "" && latin(m) {
		if s := "Source: " + m + "," + suffix; sty.Width(s) <= width {
			source = s
		}
	}
	lines := []string{source}

	var missing []string
	for _, e := range eps {
		if e.Peak == nil {
			missing = append(missing, strconv.Itoa(e.Number))
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		lines = append(lines, "No peak figure was found for episode "+missing[0]+".")
	default:
		n := len(missing)
		list := strings.Join(missing[:n-1], ", ") + " and " + missing[n-1]
		lines = append(lines, "No peak figures were found for episodes "+list+".")
	}
	return lines
}

// averageCaption is the dashed line's caveat, in the image itself because
// the image travels without the reply's text: the average is as published,
// its method is unverified when a note says so, and the figures plotted
// average something else when they do. Nothing when no average was
// published.
func averageCaption(s facts.Summary, eps []facts.Episode) []string {
	if s.Average <= 0 {
		return nil
	}
	line := "Dashed line: " + facts.Percent(s.Average) + ", the average as published"
	for _, n := range s.AverageNotes {
		if n.Confidence == facts.Unverified {
			line += "; how it was calculated is unverified"
			break
		}
	}
	lines := []string{line + "."}
	var sum float64
	for _, e := range eps {
		sum += e.Rating
	}
	// Two decimals, as the mean of figures given to one decimal is written.
	mean := strconv.FormatFloat(sum/float64(len(eps)), 'f', 2, 64)
	if published := strconv.FormatFloat(s.Average, 'f', 2, 64); len(eps) > 1 && mean != published {
		lines = append(lines, "The "+strconv.Itoa(len(eps))+" episode ratings plotted here average "+mean+"%.")
	}
	return lines
}

// latin reports whether s is printable text in the Latin-1 range, which
// the chart's font can draw.
func latin(s string) bool {
	for _, r := range s {
		if r > 0xff || !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// encode writes img as a paletted PNG. A full-colour PNG of the chart is
// over 90 KiB, nearly all of it anti-aliased edges; every pixel of the
// chart is a blend of the card and one of a few colours, so mapping it
// onto ramps between the two keeps the look at about a third of the size.
// Default compression: the best level saves about 5% and takes three
// times as long.
func encode(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, quantize(img)); err != nil {
		return nil, fmt.Errorf("encoding png: %w", err)
	}
	return buf.Bytes(), nil
}

// rampSteps is the number of shades from the card to each palette colour;
// with six colours the palette stays within PNG's 256 entries.
const rampSteps = 40

// quantize maps every pixel of img to the nearest colour of a palette made
// of ramps from the background to each colour the chart draws with. There
// is no dithering: it would add noise to flat areas and bytes to the file.
func quantize(img image.Image) *image.Paletted {
	pal := color.Palette{background}
	for _, c := range []color.NRGBA{ink, muted, gridColor, blue, orange, grey} {
		for i := 1; i <= rampSteps; i++ {
			t := float64(i) / rampSteps
			mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a)*(1-t) + float64(b)*t)) }
			pal = append(pal, color.NRGBA{
				R: mix(background.R, c.R), G: mix(background.G, c.G), B: mix(background.B, c.B), A: 0xff,
			})
		}
	}
	rgba, ok := img.(*image.RGBA)
	if !ok {
		rgba = image.NewRGBA(img.Bounds())
		imagedraw.Draw(rgba, rgba.Rect, img, img.Bounds().Min, imagedraw.Src)
	}
	b := rgba.Rect
	dst := image.NewPaletted(b, pal)
	// Most pixels share a few colours, so remember each colour's index.
	seen := make(map[[3]uint8]uint8)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			px := rgba.Pix[rgba.PixOffset(x, y):]
			key := [3]uint8{px[0], px[1], px[2]} // the card is opaque
			i, ok := seen[key]
			if !ok {
				i = uint8(pal.Index(color.RGBA{R: px[0], G: px[1], B: px[2], A: 0xff}))
				seen[key] = i
			}
			dst.Pix[dst.PixOffset(x, y)] = i
		}
	}
	return dst
}
