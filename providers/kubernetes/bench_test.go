package kubernetes

import (
	"bytes"
	"fmt"
	"testing"
)

// bigList is a kubectl get -o json List of n pods.
func bigList(n int) []byte {
	var b bytes.Buffer
	b.WriteString("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "labels": {"app": "a"},
                "name": "pod-%d",
                "namespace": "ns-%d"
            },
            "spec": {
                "containers": [{"image": "x:1", "name": "c", "securityContext": {"privileged": false}}]
            }
        }`, i, i%7)
	}
	b.WriteString("\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n")
	return b.Bytes()
}

// BenchmarkReadJSON reads a kubectl List of 5,000 pods (about 2 MB): the time
// must grow linearly with the file.
func BenchmarkReadJSON(b *testing.B) {
	data := bigList(5000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r := &reader{}
		if err := readFile(r, "pods.json", data); err != nil {
			b.Fatal(err)
		}
		normalize(r.objects, "default")
	}
}
