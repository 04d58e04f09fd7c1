import { useCallback, useEffect, useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { ApiError } from '../api/ApiError';
import type { StepTypes, WorkflowSummary } from '../api/types';
import { saveDraft } from '../api/workflows';
import { ErrorBanner } from '../common/ErrorBanner';
import { cleanDefinition, definitionJson, parseDefinition, type StepDef, type WorkflowDef } from './definition';
import { DesignerCanvas } from './DesignerCanvas';
import { DesignerToolbar, type DesignerTab } from './DesignerToolbar';
import { downloadDefinition } from './fileTransfer';
import { addStep, connect, disconnect, edgesOf, removeStep, renameStep, setDependencies, updateStep } from './graphEdits';
import { layoutDag, placeNew, type Position } from './layout';
import { JsonView } from './JsonView';
import { Palette } from './Palette';
import { paletteItems, type PaletteItem } from './paletteItems';
import { placeProblems } from './problems';
import { ProblemList } from './ProblemList';
import { loadLayout, saveLayout } from './savedLayout';
import { StepPanel } from './StepPanel';
import { useValidation } from './useValidation';
import { VersionsView } from './VersionsView';
import { WorkflowPanel } from './WorkflowPanel';

interface Props {
  initial: WorkflowDef;
  /** Whether the workflow exists on the server (PUT replaces its draft) or is new (POST creates it). */
  exists: boolean;
  latestVersion: number | null;
  stepTypes: StepTypes;
  stepTypesNotice?: string | undefined;
  onCreated?: (summary: WorkflowSummary) => void;
  /**
   * For roles below editor: the definition, its validation and its versions can be read, not changed (no palette,
   * no canvas edits, fields disabled, no save, publish or import).
   */
  readOnly?: boolean;
}

/** The workflow designer: palette, canvas, property panel, JSON view and versions around one definition. */
export function Designer(props: Props) {
  const { initial, exists: existsAtStart, latestVersion: latestAtStart, stepTypes, stepTypesNotice, onCreated, readOnly = false } = props;
  const [definition, setDefinition] = useState<WorkflowDef>(initial);
  const [savedJson, setSavedJson] = useState(() => (existsAtStart ? definitionJson(initial) : ''));
  const [exists, setExists] = useState(existsAtStart);
  const [latestVersion, setLatestVersion] = useState(latestAtStart);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [tab, setTab] = useState<DesignerTab>('graph');
  const [notice, setNotice] = useState<string | undefined>();
  const [actionError, setActionError] = useState<{ action: string; error: unknown } | undefined>();
  const [busy, setBusy] = useState(false);
  const [versionsKey, setVersionsKey] = useState(0);
  const [positions, setPositions] = useState<Record<string, Position>>(() => loadLayout(initial.id));
  // Bumped to fit every step into view once positions are laid out anew (auto-layout, an import).
  const [fitRequest, setFitRequest] = useState(0);
  const validation = useValidation(definition);
  // Problems from a refused save belong to the definition that was sent: shown until the next edit.
  const [saveProblems, setSaveProblems] = useState<{ for: WorkflowDef; index: ReturnType<typeof placeProblems> } | undefined>();
  const problems = saveProblems?.for === definition ? saveProblems.index : validation.problems;

  const dirty = definitionJson(definition) !== savedJson;
  const ids = useMemo(() => definition.steps.map((s) => s.id), [definition.steps]);
  const edges = useMemo(() => edgesOf(definition), [definition]);
  const laidOut = useMemo(() => placeNew(ids, positions, () => layoutDag(ids, edges)), [ids, edges, positions]);

  useEffect(() => saveLayout(definition.id, laidOut), [definition.id, laidOut]);

  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const items = useMemo(() => paletteItems(stepTypes), [stepTypes]);
  const selected = definition.steps.find((s) => s.id === selectedId);

  const add = useCallback(
    (item: PaletteItem, at?: Position) => {
      const { definition: next, stepId } = addStep(definition, item);
      setDefinition(next);
      setPositions((p) => ({ ...laidOut, ...p, ...(at ? { [stepId]: at } : {}) }));
      setSelectedId(stepId);
    },
    [definition, laidOut],
  );

  const onConnect = (upstream: string, downstream: string) => {
    const result = connect(definition, upstream, downstream);
    if (result.error !== undefined) setNotice(result.error);
    else setDefinition(result.definition);
  };

  const rename = (from: string, to: string) => {
    setDefinition(renameStep(definition, from, to));
    setPositions((p) => {
      const { [from]: position, ...rest } = p;
      return position ? { ...rest, [to]: position } : rest;
    });
    setSelectedId(to);
  };

  const save = async (publish: boolean) => {
    setBusy(true);
    setActionError(undefined);
    const body = cleanDefinition(definition);
    try {
      const summary = await saveDraft(body, exists, publish);
      setSavedJson(definitionJson(body));
      setExists(true);
      setLatestVersion(summary.latestVersion);
      setNotice(publish ? `Published version ${summary.latestVersion}.` : 'Draft saved.');
      if (publish) setVersionsKey((k) => k + 1);
      if (!exists) onCreated?.(summary);
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) setSaveProblems({ for: definition, index: placeProblems(error.problems, body) });
      setActionError({ action: publish ? 'Publishing' : 'Saving the draft', error });
    } finally {
      setBusy(false);
    }
  };

  const importText = (text: string) => {
    const parsed = parseDefinition(text);
    if (!parsed.definition) {
      setActionError({ action: 'Importing', error: new Error(`the file is not a workflow definition: ${parsed.error}`) });
      return;
    }
    let next = parsed.definition;
    if (exists && next.id !== definition.id) {
      setNotice(`The file's id '${next.id}' was replaced by '${definition.id}', the workflow being edited. Create a new workflow to import it under its own id.`);
      next = { ...next, id: definition.id };
    } else {
      setNotice(`Imported ${next.steps.length} steps; save to keep them.`);
    }
    setDefinition(next);
    setPositions({});
    setFitRequest((n) => n + 1);
    setSelectedId(null);
  };

  return (
    <div className="designer">
      <DesignerToolbar
        definition={definition}
        exists={exists}
        readOnly={readOnly}
        dirty={dirty}
        busy={busy}
        latestVersion={latestVersion}
        problemCount={problems.all.length}
        tab={tab}
        onTab={setTab}
        onSave={() => void save(false)}
        onPublish={() => void save(true)}
        onLayout={() => {
          setPositions(layoutDag(ids, edges));
          setFitRequest((n) => n + 1);
        }}
        onExport={() => downloadDefinition(definition)}
        onImport={importText}
      />
      {actionError ? (
        <ErrorBanner error={actionError.error} action={actionError.action} onDismiss={() => setActionError(undefined)} />
      ) : null}
      {notice ? (
        <div className="banner banner-info" role="status">
          <span className="banner-text">{notice}</span>
          <button type="button" className="link" aria-label="Dismiss" onClick={() => setNotice(undefined)}>
            ×
          </button>
        </div>
      ) : null}
      <div className={readOnly ? 'designer-body read-only' : 'designer-body'}>
        {readOnly ? null : <Palette items={items} onAdd={(item) => add(item)} notice={stepTypesNotice} />}
        <main className="designer-main">
          {tab === 'graph' ? (
            <>
              <ReactFlowProvider>
                <DesignerCanvas
                  definition={definition}
                  positions={laidOut}
                  readOnly={readOnly}
                  problems={problems}
                  selectedId={selectedId}
                  onSelect={setSelectedId}
                  onConnect={onConnect}
                  onRefuse={setNotice}
                  fitRequest={fitRequest}
                  onDisconnect={(u, d) => setDefinition((def) => disconnect(def, u, d))}
                  onRemoveSteps={(removed) => {
                    setDefinition((def) => removed.reduce(removeStep, def));
                    setSelectedId(null);
                  }}
                  onMove={(id, position) => setPositions((p) => ({ ...laidOut, ...p, [id]: position }))}
                  onDropItem={add}
                />
              </ReactFlowProvider>
              <ProblemList problems={problems.all} checking={validation.checking} error={validation.error} onSelectStep={setSelectedId} />
            </>
          ) : null}
          {tab === 'json' ? <JsonView definition={definition} onChange={setDefinition} problems={problems.all} readOnly={readOnly} /> : null}
          {tab === 'versions' ? (
            exists ? (
              <VersionsView
                workflowId={definition.id}
                draft={definition}
                refreshKey={versionsKey}
                canOpen={!readOnly}
                onOpen={(def, version) => {
                  setDefinition({ ...def, id: definition.id });
                  setNotice(`Version ${version} is in the editor; save or publish to make it current.`);
                  setTab('graph');
                }}
              />
            ) : (
              <p className="hint">Save the workflow first; versions appear once it is published.</p>
            )
          ) : null}
        </main>
        {/* A disabled fieldset disables every field and button of the panels at once. */}
        <fieldset className="designer-panel" disabled={readOnly}>
          <legend className="sr-only">{readOnly ? 'Properties (read-only)' : 'Properties'}</legend>
          {selected ? (
            <StepPanel
              key={selected.id}
              step={selected}
              definition={definition}
              problems={problems.byStep.get(selected.id) ?? []}
              stepTypes={stepTypes}
              onChange={(step: StepDef) => setDefinition((def) => updateStep(def, selected.id, () => step))}
              onRename={(to) => rename(selected.id, to)}
              onDependsOn={(upstream) => setDefinition((def) => setDependencies(def, selected.id, upstream))}
              onRemove={() => {
                setDefinition((def) => removeStep(def, selected.id));
                setSelectedId(null);
              }}
            />
          ) : (
            <WorkflowPanel definition={definition} problems={problems.workflow} idEditable={!exists} onChange={setDefinition} />
          )}
        </fieldset>
      </div>
    </div>
  );
}
