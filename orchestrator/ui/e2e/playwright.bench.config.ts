import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// Measurements, not tests: the same real server and Chromium as the specs, running only *.bench.ts, which print
// figures and assert nothing about time (npm run bench:assets-paint).
export default defineConfig({ ...base, testMatch: '*.bench.ts', timeout: 300_000 });
