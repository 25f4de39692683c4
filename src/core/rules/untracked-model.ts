import { reportUntracked, whereInFile } from '../code/records';
import { defineRule } from '../rule';

const PROVIDERS: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic', bedrock: 'Amazon Bedrock', vertex: 'Google Vertex AI' };

export default defineRule({
  id: 'untracked-model',
  scope: 'workspace',
  title: 'Models the code loads or calls must have a ModelCard record',
  controls: ['A.4.3', 'A.6.2.3', 'A.10.3'],
  annexB: ['B.4.3', 'B.6.2.3', 'B.10.3'],
  severity: 'warning',
  kinds: ['ModelCard'],
  fixable: 'suggestion',
  docs: {
    rationale: 'Every model an AI system is built on or calls is part of its design and one of its resources: a pretrained model pulled from a hub, a pickled estimator, a registered MLflow model, or a hosted model reached through an API. Design and development documentation has to name them, and models from third parties are supplied components whose supplier the organization has to manage. The scanner finds `from_pretrained`, `hf_hub_download`, `snapshot_download`, `pipeline(model=…)`, `torch.load`, `joblib.load`, `pickle.load`, Keras `load_model`, MLflow `models:/` URIs and the model names passed to the OpenAI, Anthropic, Bedrock and Vertex AI clients.',
    howToFix: 'Add the hub id, registry URI, file path or hosted model name to the `identifiers` of the ModelCard that describes the model (`models:/scorer` covers `models:/scorer/Production`), or create a ModelCard for it. For a hosted or third-party model, name the supplier in the card\'s `suppliers` as well.',
    bad: '# src/summarize.py\nclient.chat.completions.create(model="gpt-4o-mini", messages=msgs)\n# and no ModelCard names gpt-4o-mini',
    good: '# aims/models/case-summarizer.yaml\nkind: ModelCard\nid: case-summarizer\nidentifiers: [gpt-4o-mini]\nsuppliers:\n  - name: OpenAI\n    supplies: hosted language model',
  },
  check(ctx) {
    reportUntracked(ctx, 'model', (load, v) => {
      const external = load.hosted !== undefined || (load.library === 'transformers' || load.library === 'huggingface_hub' || load.library === 'sentence_transformers') && /^[\w.-]+\/[\w.-]+$/.test(load.value!);
      const what = load.hosted ? `calls the hosted model '${v}' of ${PROVIDERS[load.hosted] ?? load.hosted}` : `${load.library} loads the model '${v}'`;
      return {
        message: `The code ${what}${whereInFile(load)}, but no ModelCard names it. Add it to a ModelCard's identifiers or create one${external ? ' (a third-party model: name its supplier too)' : ''}.`,
        controls: external ? ['A.4.3', 'A.6.2.3', 'A.10.3'] : ['A.4.3', 'A.6.2.3'],
      };
    });
  },
});
