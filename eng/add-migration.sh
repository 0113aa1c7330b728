#!/usr/bin/env bash
# Adds an EF Core migration named $1 for every supported engine (PostgreSQL, SQL Server, SQLite), so the three
# migration sets never drift apart. The Worker.Tests check that no engine has pending model changes.
set -euo pipefail
name="${1:?usage: eng/add-migration.sh MigrationName}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet tool restore >/dev/null
dotnet build src/IssueSync.Worker -v q -nologo
for engine in Postgres SqlServer Sqlite; do
  dotnet ef migrations add "$name" --no-build --project src/IssueSync.Worker \
    --context "${engine}IssueSyncDbContext" --output-dir "Persistence/Migrations/$engine" \
    --namespace "IssueSync.Worker.Persistence.Migrations.$engine"
  # The EF tool places the model snapshot by namespace; keep it beside its migrations.
  if [ -d "src/IssueSync.Worker/IssueSync/Worker/Persistence/Migrations/$engine" ]; then
    mv src/IssueSync.Worker/IssueSync/Worker/Persistence/Migrations/"$engine"/*.cs "src/IssueSync.Worker/Persistence/Migrations/$engine/"
  fi
done
rm -rf src/IssueSync.Worker/IssueSync
