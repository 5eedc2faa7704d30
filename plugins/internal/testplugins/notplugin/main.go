// Command notplugin prints a line and exits: a binary that is no plugin.
package main

import "fmt"

func main() { fmt.Println("hello, I am not a plugin") }
