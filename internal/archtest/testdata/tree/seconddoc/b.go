// Package seconddoc is documented in its second file.
package seconddoc
