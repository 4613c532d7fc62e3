package soc1.change.k8s_images_pinned_test

import data.soc1.change.k8s_images_pinned as control

pod(image) := {"kubernetes": {"pod_specs": [{"key": "Deployment/app/api", "spec": {"containers": [{"name": "api", "image": image}]}}]}}

test_version_tag_passes if {
	count(control.deny) == 0 with input as pod("registry.example.com:5000/app/api:4.12.0")
	control.resources == {"Deployment/app/api"} with input as pod("registry.example.com:5000/app/api:4.12.0")
}

test_digest_passes if {
	count(control.deny) == 0 with input as pod("registry.example.com/app/api@sha256:5b0f2a0c")
}

test_latest_fails if {
	count(control.deny) == 1 with input as pod("registry.example.com/app/api:latest")
}

test_no_tag_fails if {
	denied := control.deny with input as pod("registry.example.com:5000/app/api")
	denied == {{"resource": "Deployment/app/api", "message": "Deployment/app/api: container api runs \"registry.example.com:5000/app/api\", which is not pinned to a version (no tag)"}}
}
