{{/* The release's base name, at most 63 characters with room for suffixes. */}}
{{- define "kronforce.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "kronforce.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: include "kronforce.selector" (list . "controller") */}}
{{- define "kronforce.selector" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Chart.Name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "kronforce.controllerUrl" -}}
http://{{ include "kronforce.fullname" . }}-controller:{{ .Values.controller.service.port }}
{{- end -}}

{{/* Pod security shared by every Kronforce container: the images' non-root user. */}}
{{- define "kronforce.podSecurity" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "kronforce.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* The pod template of a pull worker of one pool: include "kronforce.workerPod" (list . $pool $args) */}}
{{- define "kronforce.workerPod" -}}
{{- $root := index . 0 -}}
{{- $pool := index . 1 -}}
{{- $args := index . 2 -}}
metadata:
  labels:
    {{- include "kronforce.selector" (list $root "worker") | nindent 4 }}
    kronforce.io/pool: {{ $pool.name }}
spec:
  serviceAccountName: {{ include "kronforce.fullname" $root }}
  automountServiceAccountToken: false
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets: {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext: {{- include "kronforce.podSecurity" $root | nindent 4 }}
  terminationGracePeriodSeconds: {{ $pool.terminationGracePeriodSeconds }}
  {{- if eq $pool.mode "job" }}
  restartPolicy: Never
  {{- end }}
  containers:
    - name: worker
      image: {{ $root.Values.image.worker }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      args: {{ toJson $args }}
      env:
        - name: KRONFORCE_CONTROLLER_URL
          value: {{ include "kronforce.controllerUrl" $root | quote }}
        - name: KRONFORCE_AGENT_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        - name: KRONFORCE_AGENT_TAGS
          value: {{ join "," $pool.tags | quote }}
        - name: KRONFORCE_WORKER_CONCURRENCY
          value: {{ $pool.concurrency | quote }}
        - name: KRONFORCE_AGENT_JAVA_OPTS
          value: {{ $root.Values.workers.javaOpts | quote }}
        - name: KRONFORCE_AGENT_KEY
          valueFrom: {secretKeyRef: {name: {{ $root.Values.secret.name }}, key: KRONFORCE_AGENT_KEY}}
      securityContext: {{- include "kronforce.containerSecurity" $root | nindent 8 }}
      resources: {{- toYaml $pool.resources | nindent 8 }}
      volumeMounts:
        - {name: tmp, mountPath: /tmp}
  volumes:
    - name: tmp
      emptyDir: {}
{{- end -}}

{{/* KEDA's trigger for one pool's queue depth. */}}
{{- define "kronforce.kedaTrigger" -}}
{{- $root := index . 0 -}}
{{- $pool := index . 1 -}}
{{- if eq $root.Values.keda.source "prometheus" }}
- type: prometheus
  metadata:
    serverAddress: {{ $root.Values.keda.prometheusServer | quote }}
    query: {{ printf "sum(kronforce_queue_depth{pool=%q})" $pool.pool | quote }}
    threshold: {{ $pool.targetDepth | quote }}
    activationThreshold: "0"
{{- else }}
- type: metrics-api
  metadata:
    url: {{ printf "%s/api/agent-queue/depth?pool=%s" (include "kronforce.controllerUrl" $root) $pool.pool | quote }}
    valueLocation: {{ printf "pools.%s" $pool.pool | quote }}
    targetValue: {{ $pool.targetDepth | quote }}
    activationTargetValue: "0"
    authMode: bearer
  authenticationRef:
    name: {{ include "kronforce.fullname" $root }}-queue-depth
{{- end }}
{{- end -}}
