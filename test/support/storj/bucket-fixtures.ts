import { execFileSync } from 'node:child_process';

/**
 * Buckets on a test satellite: the admin API cannot make them (a satellite makes them through its metainfo
 * API, driven by an uplink), so these write the rows a bucket creation writes, and for a non-empty bucket
 * one object row in the metabase.
 */
export function bucketFixtures(env: () => Record<string, string | undefined>) {
  /** Runs SQL against one of the satellite's databases; psql's :'name' variables come from vars. */
  function sql(database: 'satellite' | 'metainfo', statements: string, vars: Record<string, string> = {}): void {
    const url = (database === 'satellite' ? env().STORJ_SATELLITE_DB : env().STORJ_METAINFO_DB)!;
    const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url];
    for (const [k, v] of Object.entries(vars)) args.push('-v', `${k}=${v}`);
    execFileSync('psql', args, { input: statements, stdio: ['pipe', 'ignore', 'inherit'], timeout: 30_000 });
  }

  /** The rows the metainfo endpoint writes for a new bucket (placement 0, unversioned). */
  function createBucketRows(projectId: string, bucket: string): void {
    sql(
      'satellite',
      `INSERT INTO bucket_metainfos (id, project_id, name, path_cipher, created_at, default_segment_size,
         default_encryption_cipher_suite, default_encryption_block_size, default_redundancy_algorithm,
         default_redundancy_share_size, default_redundancy_required_shares, default_redundancy_repair_shares,
         default_redundancy_optimal_shares, default_redundancy_total_shares, placement, versioning)
       VALUES (decode(md5(random()::text), 'hex'), decode(replace(:'project', '-', ''), 'hex'), convert_to(:'bucket', 'UTF8'),
         1, now(), 67108864, 4, 7424, 1, 256, 29, 35, 65, 110, 0, 0);
       INSERT INTO value_attributions (project_id, bucket_name, last_updated, placement)
       VALUES (decode(replace(:'project', '-', ''), 'hex'), convert_to(:'bucket', 'UTF8'), now(), 0);`,
      { project: projectId, bucket },
    );
  }

  function putObjectRow(projectId: string, bucket: string, key: string): void {
    sql(
      'metainfo',
      `INSERT INTO objects (project_id, bucket_name, object_key, version, stream_id, status)
       VALUES (decode(replace(:'project', '-', ''), 'hex'), convert_to(:'bucket', 'UTF8'), convert_to(:'key', 'UTF8'), 1,
         decode(md5(random()::text), 'hex'), 3);`,
      { project: projectId, bucket, key },
    );
  }

  function dropBucketRows(projectId: string): void {
    sql('metainfo', `DELETE FROM objects WHERE project_id = decode(replace(:'project', '-', ''), 'hex');`, { project: projectId });
    sql(
      'satellite',
      `DELETE FROM value_attributions WHERE project_id = decode(replace(:'project', '-', ''), 'hex');
       DELETE FROM bucket_metainfos WHERE project_id = decode(replace(:'project', '-', ''), 'hex');`,
      { project: projectId },
    );
  }

  return { sql, createBucketRows, putObjectRow, dropBucketRows };
}
