import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnnotationMetadataEntryType, App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AdminBucket } from '../constructs/admin-bucket';
import { StaticWebsite, StaticWebsiteProps } from '../constructs/static-website';
import { WebsiteContent } from '../constructs/website-content';
import { CACHE_CONTROL_IMMUTABLE, CACHE_CONTROL_REVALIDATE, cacheControlOf, isFingerprinted } from '../lib/synth/website/cache-control';
import { CONTENT_TYPES, contentTypeOf, DEFAULT_CONTENT_TYPE } from '../lib/synth/website/content-types';
import { keyPatternToRegExp } from '../lib/synth/website/key-pattern';
import { siteDir, TYPICAL_SITE, writeFiles } from './support/site-dir';
import { newStack, resourcesOf, synthJson, theResource, TfJson } from './support/synth';

const base: StaticWebsiteProps = { domainName: 'www.example.com', hostedZoneId: 'Z123', certificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' };

/** Synthesizes a website whose content is `directory`, returning the text and JSON of its cdk.tf.json. */
function synthSite(directory: string, content: Partial<StaticWebsiteProps['content']> = {}, props: Partial<StaticWebsiteProps> = {}) {
  return synthJson((s) => new StaticWebsite(s, 'Site', { ...base, ...props, content: { directory, ...content } }));
}

/** The `for_each` map of the objects resource: key → what differs per object. */
function objects(json: TfJson): Record<string, { content_type: string; cache_control: string; source_hash: string }> {
  return theResource(json, 'aws_s3_object').for_each;
}

/** A stack named like newStack()'s, in an app that writes to a real outdir (whose validation wants a provider). */
function newStackIn(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', {});
  return stack;
}
const contentVersion = (json: TfJson) => theResource(json, 's3admin_cloudfront_invalidation').content_version as string;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const warningsOf = (c: IConstruct) =>
  c.node.findAll().flatMap((n) => n.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data)));

describe('content types', () => {
  test.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/b/style.css', 'text/css; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
    ['mod.mjs', 'text/javascript; charset=utf-8'],
    ['data.json', 'application/json'],
    ['logo.svg', 'image/svg+xml'],
    ['PHOTO.JPG', 'image/jpeg'],
    ['photo.jpeg', 'image/jpeg'],
    ['x.webp', 'image/webp'],
    ['x.avif', 'image/avif'],
    ['favicon.ico', 'image/x-icon'],
    ['font.woff2', 'font/woff2'],
    ['app.js.map', 'application/json'],
    ['site.webmanifest', 'application/manifest+json'],
    ['lib.wasm', 'application/wasm'],
    ['manual.pdf', 'application/pdf'],
    ['README', DEFAULT_CONTENT_TYPE],
    ['archive.tar.zst', DEFAULT_CONTENT_TYPE],
    ['.hidden', DEFAULT_CONTENT_TYPE],
  ])('%s is served as %s', (key, type) => {
    expect(contentTypeOf(key)).toBe(type);
  });

  test('the built-in table covers the common web extensions', () => {
    const wanted = 'html css js mjs json svg png jpg jpeg gif webp avif ico txt xml woff woff2 ttf map wasm pdf webmanifest'.split(' ');
    expect(wanted.filter((ext) => !CONTENT_TYPES[ext])).toEqual([]);
  });

  test("the user's table comes first", () => {
    expect(contentTypeOf('notes.md', { md: 'text/markdown' })).toBe('text/markdown');
    expect(contentTypeOf('data.json', { json: 'application/ld+json' })).toBe('application/ld+json');
  });
});

describe('cache control', () => {
  test.each([
    ['app.3f9a2c1b.js', true],
    ['static/js/main.3f9a2c1b.chunk.js', true],
    ['main.3f9a2c1b4d5e6f70.js', true],
    ['app.3f9a2c1b.js.map', true],
    ['assets/index-BdK3x9aZ.js', true],
    ['assets/index-Ab-cD3fG.css', true],
    ['app.js', false],
    ['logo-2024.png', false],
    ['report.20240101.pdf', false],
    ['my-Component.js', false],
    ['deadbeef.js', false],
    ['jquery-3.7.1.min.js', false],
    ['index.html', false],
  ])('%s fingerprinted: %p', (key, expected) => {
    expect(isFingerprinted(key)).toBe(expected);
  });

  test('fingerprinted names are immutable for a year; HTML and everything else revalidate', () => {
    expect(cacheControlOf('assets/app.3f9a2c1b.js', [])).toBe('public, max-age=31536000, immutable');
    expect(cacheControlOf('index.html', [])).toBe('public, max-age=0, must-revalidate');
    expect(cacheControlOf('page.3f9a2c1b.html', [])).toBe(CACHE_CONTROL_REVALIDATE);
    expect(cacheControlOf('img/logo.png', [])).toBe(CACHE_CONTROL_REVALIDATE);
  });

  test.each([
    ['*.pdf', 'docs/a.pdf', true],
    ['*.pdf', 'a.pdf', true],
    ['*.pdf', 'a.pdf.html', false],
    ['assets/*.js', 'assets/a.js', true],
    ['assets/*.js', 'assets/x/a.js', false],
    ['assets/**', 'assets/x/a.js', true],
    ['**/*.js', 'a.js', true],
    ['**/*.js', 'x/y/a.js', true],
    ['sw.js', 'sw.js', true],
    ['sw.js', 'x/sw.js', true],
    ['sw.js', 'xsw.js', false],
    ['file?.txt', 'file1.txt', true],
    ['a+b(1).txt', 'a+b(1).txt', true],
  ])('pattern %s matches %s: %p', (pattern, key, expected) => {
    expect(keyPatternToRegExp(pattern).test(key)).toBe(expected);
  });
});

describe('WebsiteContent', () => {
  test('every file becomes an object with its key, content type, cache control and the hash of its bytes', () => {
    // GIVEN a typical build
    const dir = siteDir(TYPICAL_SITE);
    // WHEN it is the content of a website
    const { json } = synthSite(dir);
    // THEN one object instance per file, keyed by its path in the folder
    expect(objects(json)).toEqual({
      'about/index.html': { content_type: 'text/html; charset=utf-8', cache_control: CACHE_CONTROL_REVALIDATE, source_hash: sha256(TYPICAL_SITE['about/index.html']) },
      'assets/app.3f9a2c1b.js': { content_type: 'text/javascript; charset=utf-8', cache_control: CACHE_CONTROL_IMMUTABLE, source_hash: sha256(TYPICAL_SITE['assets/app.3f9a2c1b.js']) },
      'assets/index-BdK3x9aZ.css': { content_type: 'text/css; charset=utf-8', cache_control: CACHE_CONTROL_IMMUTABLE, source_hash: sha256(TYPICAL_SITE['assets/index-BdK3x9aZ.css']) },
      'docs/manual.pdf': { content_type: 'application/pdf', cache_control: CACHE_CONTROL_REVALIDATE, source_hash: sha256(TYPICAL_SITE['docs/manual.pdf']) },
      'img/logo.png': { content_type: 'image/png', cache_control: CACHE_CONTROL_REVALIDATE, source_hash: sha256(TYPICAL_SITE['img/logo.png']) },
      'index.html': { content_type: 'text/html; charset=utf-8', cache_control: CACHE_CONTROL_REVALIDATE, source_hash: sha256(TYPICAL_SITE['index.html']) },
    });
    // AND the resource reads each instance's attributes from that map, into the site's bucket
    expect(theResource(json, 'aws_s3_object')).toMatchObject({
      bucket: expect.stringMatching(/^\$\{aws_s3_bucket\.[^.]+\.id\}$/),
      key: '${each.key}',
      content_type: '${each.value.content_type}',
      cache_control: '${each.value.cache_control}',
      source_hash: '${each.value.source_hash}',
    });
  });

  test("the objects' source points into the asset, which ships the files in cdktf.out/", () => {
    // GIVEN
    const dir = siteDir(TYPICAL_SITE);
    const app = new App({ outdir: fs.mkdtempSync(path.join(dir, '..', 'out-')) });
    const stack = newStackIn(app);
    new StaticWebsite(stack, 'Site', { ...base, content: { directory: dir } });
    // WHEN
    app.synth();
    // THEN the source is a path relative to the stack's folder, with a fixed folder name (not the content's hash)
    const stackDir = path.join(app.outdir, 'stacks', 'test');
    const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    const source: string = theResource(json, 'aws_s3_object').source;
    expect(source).toMatch(/^assets\/Site_Content_Files_[0-9A-F]{8}\/files\/\$\{each\.key\}$/);
    // AND with only cdktf.out/ at hand (another pipeline job: the build folder gone, the output moved), every
    // object's file is there, relative to the stack's folder, with the same bytes
    fs.rmSync(dir, { recursive: true, force: true });
    const moved = fs.mkdtempSync(path.join(path.dirname(app.outdir), 'job2-'));
    fs.cpSync(app.outdir, moved, { recursive: true });
    for (const [key, content] of Object.entries(TYPICAL_SITE)) {
      expect(fs.readFileSync(path.join(moved, 'stacks', 'test', source.replace('${each.key}', key)), 'utf8')).toBe(content);
    }
  });

  test('a changed file changes its own hash and no other attribute of any object', () => {
    // GIVEN
    const dir = siteDir(TYPICAL_SITE);
    const before = objects(synthSite(dir).json);
    // WHEN one file changes
    writeFiles(dir, { 'index.html': '<!doctype html><title>new</title>' });
    const after = objects(synthSite(dir).json);
    // THEN
    expect(after['index.html'].source_hash).toBe(sha256('<!doctype html><title>new</title>'));
    expect({ ...after, 'index.html': undefined }).toEqual({ ...before, 'index.html': undefined });
  });

  test('a file removed from the folder is gone from the synthesized stack', () => {
    // GIVEN
    const dir = siteDir(TYPICAL_SITE);
    expect(objects(synthSite(dir).json)['docs/manual.pdf']).toBeDefined();
    // WHEN
    fs.rmSync(path.join(dir, 'docs', 'manual.pdf'));
    const { json, text } = synthSite(dir);
    // THEN
    expect(Object.keys(objects(json))).toEqual(['about/index.html', 'assets/app.3f9a2c1b.js', 'assets/index-BdK3x9aZ.css', 'img/logo.png', 'index.html']);
    expect(text).not.toContain('manual.pdf');
  });

  describe('the invalidation follows the content', () => {
    test('synthesizing twice without a change gives the same cdk.tf.json, byte for byte', () => {
      // GIVEN
      const dir = siteDir(TYPICAL_SITE);
      // WHEN
      const first = synthSite(dir).text;
      const second = synthSite(dir).text;
      // THEN
      expect(second).toBe(first);
    });

    test('a newer modification time alone changes nothing', () => {
      const dir = siteDir(TYPICAL_SITE);
      const first = synthSite(dir).text;
      const later = new Date(Date.now() + 3_600_000);
      fs.utimesSync(path.join(dir, 'index.html'), later, later);
      expect(synthSite(dir).text).toBe(first);
    });

    test.each<[string, (dir: string) => void]>([
      ['a file changes', (dir) => writeFiles(dir, { 'img/logo.png': 'PNG2' })],
      ['a file is added', (dir) => writeFiles(dir, { 'robots.txt': 'User-agent: *' })],
      ['a file is removed', (dir) => fs.rmSync(path.join(dir, 'img', 'logo.png'))],
      ['a file is renamed', (dir) => fs.renameSync(path.join(dir, 'img', 'logo.png'), path.join(dir, 'img', 'logo2.png'))],
    ])('a new content version when %s', (_, change) => {
      // GIVEN
      const dir = siteDir(TYPICAL_SITE);
      const before = contentVersion(synthSite(dir).json);
      // WHEN
      change(dir);
      // THEN
      expect(contentVersion(synthSite(dir).json)).not.toBe(before);
    });

    test('a new content version when a cache-control rule changes what an object gets', () => {
      const dir = siteDir(TYPICAL_SITE);
      const before = contentVersion(synthSite(dir).json);
      expect(contentVersion(synthSite(dir, { cacheControl: [{ pattern: '*.pdf', value: 'public, max-age=86400' }] }).json)).not.toBe(before);
    });

    test('no new content version when a setting outside the content changes', () => {
      const dir = siteDir(TYPICAL_SITE);
      const before = contentVersion(synthSite(dir).json);
      expect(contentVersion(synthSite(dir, {}, { priceClass: 'PriceClass_All', singlePageApp: true }).json)).toBe(before);
    });

    test('the invalidation of /* on this distribution waits for the objects', () => {
      const { json } = synthSite(siteDir(TYPICAL_SITE));
      const invalidation = theResource(json, 's3admin_cloudfront_invalidation');
      expect(invalidation).toMatchObject({ paths: ['/*'], wait_for_completion: false });
      expect(invalidation.distribution_id).toMatch(/^\$\{aws_cloudfront_distribution\.[^.]+\.id\}$/);
      expect(invalidation.depends_on).toEqual([expect.stringMatching(/^aws_s3_object\./)]);
    });

    test('invalidation options reach the invalidation; false makes none', () => {
      const dir = siteDir(TYPICAL_SITE);
      const { json } = synthSite(dir, { invalidation: { paths: ['/index.html', '/assets/*'], waitForCompletion: true, waitMinutes: 5 } });
      expect(theResource(json, 's3admin_cloudfront_invalidation')).toMatchObject({ paths: ['/index.html', '/assets/*'], wait_for_completion: true, wait_minutes: 5 });
      expect(resourcesOf(synthSite(dir, { invalidation: false }).json, 's3admin_cloudfront_invalidation')).toHaveLength(0);
    });
  });

  test('objects wait for the bucket encryption, so SSE-KMS applies to the first upload too', () => {
    const { json } = synthSite(siteDir(TYPICAL_SITE));
    expect(theResource(json, 'aws_s3_object').depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_server_side_encryption_configuration\./)]);
  });

  test('cache-control rules come first, the first match wins', () => {
    const { json } = synthSite(siteDir(TYPICAL_SITE), {
      cacheControl: [
        { pattern: '*.pdf', value: 'public, max-age=86400' },
        { pattern: 'docs/**', value: 'no-store' },
        { pattern: 'assets/**', value: 'public, max-age=600' },
      ],
    });
    const o = objects(json);
    expect(o['docs/manual.pdf'].cache_control).toBe('public, max-age=86400');
    expect(o['assets/app.3f9a2c1b.js'].cache_control).toBe('public, max-age=600');
    expect(o['index.html'].cache_control).toBe(CACHE_CONTROL_REVALIDATE);
  });

  test("the user's content types come first", () => {
    const { json } = synthSite(siteDir({ 'index.html': 'x', 'notes.md': '# n' }), { contentTypes: { md: 'text/markdown; charset=utf-8' } });
    expect(objects(json)['notes.md'].content_type).toBe('text/markdown; charset=utf-8');
  });

  test('hidden files and folders are neither uploaded nor shipped in cdktf.out', () => {
    // GIVEN a build folder with secrets and VCS data next to the site
    const dir = siteDir({ ...TYPICAL_SITE, '.env': 'SECRET=1', '.git/config': '[core]', 'assets/.DS_Store': 'x' });
    const app = new App({ outdir: fs.mkdtempSync(path.join(dir, '..', 'out-')) });
    new StaticWebsite(newStackIn(app), 'Site', { ...base, content: { directory: dir } });
    // WHEN
    app.synth();
    // THEN
    const stackDir = path.join(app.outdir, 'stacks', 'test');
    const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(objects(json)).filter((k) => k.includes('/.') || k.startsWith('.'))).toEqual([]);
    const shipped = fs.readdirSync(path.join(stackDir, 'assets'), { recursive: true }).map(String);
    expect(shipped.filter((f) => /(^|\/)\./.test(f))).toEqual([]);
    expect(shipped).toEqual(expect.arrayContaining([expect.stringMatching(/files\/index\.html$/)]));
  });

  test('links are followed once: a link to a parent folder neither loops nor duplicates the site', () => {
    // GIVEN a folder with a linked file and a link back to itself
    const dir = siteDir({ 'index.html': 'x', 'shared/logo.svg': '<svg/>' });
    fs.symlinkSync(path.join(dir, 'shared', 'logo.svg'), path.join(dir, 'logo.svg'));
    fs.symlinkSync(dir, path.join(dir, 'shared', 'loop'));
    const app = new App({ outdir: fs.mkdtempSync(path.join(dir, '..', 'out-')) });
    new StaticWebsite(newStackIn(app), 'Site', { ...base, content: { directory: dir } });
    // WHEN
    app.synth();
    // THEN
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'test', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(objects(json))).toEqual(['index.html', 'logo.svg', 'shared/logo.svg']);
  });

  test('hidden files are uploaded when asked', () => {
    const { json } = synthSite(siteDir({ 'index.html': 'x', '.well-known/security.txt': 'Contact: x' }), { includeHidden: true });
    expect(Object.keys(objects(json))).toEqual(['.well-known/security.txt', 'index.html']);
  });

  test('an empty folder earns a warning: the bucket is emptied', () => {
    const stack = newStack();
    const site = new StaticWebsite(stack, 'Site', { ...base, content: { directory: siteDir({}) } });
    expect(warningsOf(site).join('\n')).toMatch(/holds no file to upload: the bucket is emptied/);
  });

  test('a missing index document earns a warning', () => {
    const site = new StaticWebsite(newStack(), 'Site', { ...base, content: { directory: siteDir({ 'home.html': 'x' }) } });
    expect(warningsOf(site).join('\n')).toMatch(/'indexDocument' is 'index.html', but 'content.directory' holds no such file/);
  });

  test('without a distribution (WebsiteContent on an AdminBucket) there is no invalidation', () => {
    const { json } = synthJson((s) => {
      const bucket = new AdminBucket(s, 'B', { bucketName: 'acme-downloads' });
      new WebsiteContent(s, 'Files', { bucket, directory: siteDir({ 'a.pdf': 'x' }) });
    });
    expect(Object.keys(objects(json))).toEqual(['a.pdf']);
    expect(resourcesOf(json, 's3admin_cloudfront_invalidation')).toHaveLength(0);
  });

  describe('validation', () => {
    test('fails for a folder that does not exist, naming the construct path, field, value and rule', () => {
      const missing = path.join(siteDir({}), 'dist');
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, content: { directory: missing } })).toThrow(
        new RegExp(`^\\[test/Site/Content\\] 'directory' is invalid, got "${missing}": must be an existing directory; nothing is at ${missing}$`),
      );
    });

    test('fails for a file instead of a folder', () => {
      const file = path.join(siteDir({ 'index.html': 'x' }), 'index.html');
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, content: { directory: file } })).toThrow(/'directory' is invalid, got ".*index\.html": must be a directory; .* is a file/);
    });

    test('fails for file names that cannot be keys, listing each', () => {
      const dir = siteDir({ 'index.html': 'x', 'a${b}.txt': 'x', 'tab\there.txt': 'x' });
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, content: { directory: dir } })).toThrow(
        /\[test\/Site\/Content\] 'directory' is invalid, got ".*": \n {2}- 2 file\(s\) cannot become objects: rename them, or move them out of the folder\n {2}- 'a\$\{b\}\.txt': a key must not contain '\$\{' \(offset 1\), which Terraform reads as an expression\n {2}- 'tab\there\.txt': a key must not contain control characters \(0x09 at offset 3\)/,
      );
    });

    test('fails for a cache-control rule without a pattern or value', () => {
      expect(() => synthSite(siteDir(TYPICAL_SITE), { cacheControl: [{ pattern: '/abs/*', value: '' }] })).toThrow(
        /'cacheControl' is invalid, got .*: \n {2}- \[0\]\.pattern must be relative to the content folder: no leading '\/'\n {2}- \[0\]\.value must be a non-empty header value/,
      );
    });

    test('fails for a content-type table with a dotted extension or a bad type', () => {
      expect(() => synthSite(siteDir(TYPICAL_SITE), { contentTypes: { '.md': 'markdown' } })).toThrow(
        /'contentTypes' is invalid, got [^]*extension '\.md' must be lowercase letters, digits, '_', '\+' or '-', without the dot\n {2}- content type 'markdown' of '\.md' must look like 'type\/subtype'/,
      );
    });

    test('fails for invalidation options without a distribution', () => {
      const bucket = new AdminBucket(newStack(), 'B', { bucketName: 'acme-downloads' });
      expect(() => new WebsiteContent(bucket, 'Files', { bucket, directory: siteDir({ 'a.pdf': 'x' }), invalidation: { paths: ['/*'] } })).toThrow(
        /\[test\/B\/Files\] 'invalidation' needs 'distributionId'/,
      );
    });

    test('fails for invalid invalidation paths', () => {
      expect(() => synthSite(siteDir(TYPICAL_SITE), { invalidation: { paths: ['index.html'] } })).toThrow(/\[test\/Site\/Content\/Invalidation\] 'paths' is invalid/);
    });
  });
});
