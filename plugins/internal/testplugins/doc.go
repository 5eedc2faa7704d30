// Package testplugins holds the plugin binaries the host's tests run: baseline (the national baseline served as a
// plugin), trick (a plugin that misbehaves on demand), badproto (a plugin speaking protocol 2) and notplugin (a
// program that is no plugin at all).
package testplugins
