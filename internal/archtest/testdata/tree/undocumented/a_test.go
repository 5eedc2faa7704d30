// Package undocumented has its comment only in a test file, which does not count.
package undocumented
