// Package deploy holds okbot's Kubernetes manifests (base/, serve/,
// gateway/) and the test that checks them. It is a module of its own so
// that k8s.io/api, which only the test needs, stays out of the bot's
// go.mod.
package deploy
