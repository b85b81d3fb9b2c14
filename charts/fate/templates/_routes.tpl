{{- /* rollsite's route_table.json: own party (rollsite + fateflow), partyList peers, the exchange as default route. */ -}}
{{- define "fate.rollsiteRoutes" -}}
{{- $c := include "fate.conf" (dict "root" . "module" "rollsite") | fromYaml -}}
{{- $table := dict -}}
{{- $self := printf "%d" (.Values.partyId | int64) -}}
{{- $_ := set $table $self (dict "default" (list (dict "ip" "rollsite" "port" 9370)) "fateflow" (list (dict "ip" "fateflow" "port" 9360))) -}}
{{- range $c.partyList -}}
{{- $_ := set $table (printf "%d" (.partyId | int64)) (dict "default" (list (dict "ip" .partyIp "port" (.partyPort | int64)))) -}}
{{- end -}}
{{- with $c.exchange -}}
{{- $_ := set $table "default" (dict "default" (list (dict "ip" .ip "port" (.port | int64)))) -}}
{{- end -}}
{{- toPrettyJson (dict "route_table" $table "permission" (dict "default_allow" true)) -}}
{{- end -}}

{{- /* The MySQL address fateflow and clustermanager use: the mysql module or an external server. */ -}}
{{- define "fate.mysqlAddress" -}}
{{- if has "mysql" .Values.modules -}}
{{- $c := include "fate.conf" (dict "root" . "module" "mysql") | fromYaml -}}
host: mysql
port: {{ $c.port | int64 }}
database: {{ $c.database }}
{{- else -}}
host: {{ .Values.externalMysqlIp | default "mysql" }}
port: {{ .Values.externalMysqlPort | default 3306 | int64 }}
database: {{ .Values.externalMysqlDatabase | default "eggroll_meta" }}
{{- end -}}
{{- end -}}
