// Package testplugins holds the programs the host's tests run: baseline (the national baseline served as a plugin),
// trick (a plugin that misbehaves on demand), badproto (a plugin speaking protocol 2), notplugin (a program that is
// no plugin at all) and hostpanic (a host that dies without closing its plugins, to show none outlives it).
package testplugins
