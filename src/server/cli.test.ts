import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'kv-cli-'));

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli.ts', ...args],
      {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the command line', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, seeds the demo once, lists units, adds a user, resets a password', async () => {
    expect((await cli(['migrate'])).code).toBe(0);
    const seeded = await cli(['seed-demo']);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('quantri');
    const again = await cli(['seed-demo']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/^Lỗi: .*đã có dữ liệu/m);
    const units = await cli(['unit', 'list']);
    expect(units.stdout).toContain('000.00.29.H18');
    expect(units.stdout).toContain('UBND Phường Sa Đéc');
    const added = await cli([
      'user',
      'add',
      '--username',
      'canbo.moi',
      '--password',
      'matkhau123',
      '--role',
      'officer',
      '--unit',
      '000.00.30.H18',
      '--name',
      'Cán Bộ Mới',
    ]);
    expect(added.code).toBe(0);
    const reset = await cli([
      'user',
      'reset-password',
      '--username',
      'canbo.moi',
      '--password',
      'matkhaumoi1',
    ]);
    expect(reset.code).toBe(0);
  });

  it('explains bad input in one Vietnamese line with a non-zero exit', async () => {
    const badRole = await cli([
      'user',
      'add',
      '--username',
      'x.y.z',
      '--password',
      'matkhau123',
      '--role',
      'boss',
      '--unit',
      '000.00.30.H18',
    ]);
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr.trim().split('\n')).toHaveLength(1);
    expect(badRole.stderr).toMatch(/^Lỗi: --role/);
    const badUnit = await cli([
      'user',
      'add',
      '--username',
      'x.y.z',
      '--password',
      'matkhau123',
      '--role',
      'officer',
      '--unit',
      'KHONG.CO',
    ]);
    expect(badUnit.stderr).toMatch(/Không tìm thấy đơn vị/);
    const unknown = await cli(['lam-gi-do']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/Lệnh không hợp lệ/);
  });

  it('never seeds demo accounts in production, where the first unit and admin come from the CLI', async () => {
    const prodDir = mkdtempSync(join(tmpdir(), 'kv-cli-prod-'));
    const env = { NODE_ENV: 'production', DATA_DIR: prodDir };
    const res = await cli(['seed-demo'], env);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/production/);
    const unit = await cli(
      ['unit', 'add', '--name', 'UBND Phường Cao Lãnh', '--kind', 'commune', '--code', '000.00.01.H18'],
      env,
    );
    expect(unit.code).toBe(0);
    const admin = await cli(
      [
        'user',
        'add',
        '--username',
        'admin.dau',
        '--password',
        'matkhau-manh-1',
        '--role',
        'admin',
        '--unit',
        '000.00.01.H18',
      ],
      env,
    );
    expect(admin.code).toBe(0);
    const badKind = await cli(
      ['unit', 'add', '--name', 'X', '--kind', 'huyen', '--code', '000.00.02.H18'],
      env,
    );
    expect(badKind.stderr).toMatch(/^Lỗi: --kind/);
    rmSync(prodDir, { recursive: true, force: true });
  });
});
