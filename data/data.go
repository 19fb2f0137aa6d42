// Package data holds okbot's fact files: the drama's core facts, cast,
// ratings, awards, Season 2 record and the sources they cite, as JSON
// whose schema is defined in package facts. Edit the JSON, not this file.
package data

import "embed"

// FS holds the fact files (*.json), ready for facts.Load.
//
//go:embed *.json
var FS embed.FS
