package main

import "testing"

func BenchmarkZZPrepare(b *testing.B) {
	for _, d := range []bool{true, false} {
		name := "eager"
		if d {
			name = "deferred"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				prepare("", d)
			}
		})
	}
}
