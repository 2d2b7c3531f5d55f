import { cleanup } from '@testing-library/react';
import { setPlatformAPI } from 'echarts/core';
import { afterEach } from 'vitest';

// jsdom has no canvas to measure text with; charts lay labels out with a fixed-width estimate instead.
setPlatformAPI({ measureText: (text = '') => ({ width: text.length * 6 }) });

afterEach(() => cleanup());
