// A tiny web server for the Cake.BuildxCache example: it answers with the commit it was built from.
package main

import (
	"fmt"
	"log"
	"net/http"
)

// commit is set at build time through -ldflags from the GIT_COMMIT build argument.
var commit = "unknown"

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "hello from commit %s\n", commit)
	})
	log.Println("listening on :8080")
	log.Fatal(http.ListenAndServe(":8080", nil))
}
