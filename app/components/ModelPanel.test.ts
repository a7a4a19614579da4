import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { toyDescription } from '../../test-support/toyPlugin';
import { MODEL_DESCRIPTIONS, type ModelDescription, type TrainingSettings } from '../../src/api';
import { ModelPanel } from './ModelPanel';

const render = (settings: object, locked = false, reasons: Record<string, string> = {}) =>
  renderToStaticMarkup(
    createElement(ModelPanel, {
      engine: null,
      settings: settings as TrainingSettings,
      onChange: () => {},
      reasons,
      locked,
      table: null,
      models: [...MODEL_DESCRIPTIONS, toyDescription as unknown as ModelDescription],
    }),
  );

describe('the Model panel', () => {
  it('shows a family’s settings from its description alone, with their help', () => {
    const html = render(toyDescription.defaults);
    expect(html).toContain('<option value="toy" selected="">Toy moments</option>');
    for (const label of ['Epochs', 'Batch size', 'Toy learning rate', 'Initial spread', 'Seed'])
      expect(html).toContain(`>${label}</label>`);
    expect(html).toContain('Noise scale the generator starts from.');
    expect(html).toContain('<output');
    // No setting of another family leaks in.
    expect(html).not.toContain('Hidden sizes');
  });

  it('keeps live settings editable while a model exists and locks the rest', () => {
    const html = render(toyDescription.defaults, true);
    const control = (label: string) => {
      const id = new RegExp(`for="([^"]+)">${label}</label>`).exec(html)![1];
      return new RegExp(`<[^>]+id="${id}"[^>]*>`).exec(html)![0];
    };
    expect(control('Toy learning rate')).not.toContain('disabled');
    expect(control('Initial spread')).toContain('disabled');
    expect(control('Epochs')).toContain('disabled');
  });

  it('says why the model and each derived setting were chosen', () => {
    const html = render(toyDescription.defaults, false, {
      model: 'A toy table: the toy model.',
      batchSize: '16: at most half of the 32 training rows.',
    });
    expect(html).toContain('A toy table: the toy model.');
    expect(html).toContain('Rows per training step. Here: 16: at most half of the 32 training rows.');
    expect(html).not.toContain('Passes over the table. Here');
  });

  it('says what is wrong beside the settings', () => {
    const html = render({ ...toyDescription.defaults, learningRate: -1 });
    expect(html).toContain('Toy learning rate must be a positive number.');
  });
});
