import type { AgentActor, AgentTask } from "../agent-actor.js";
import type { Repo } from "../store-types.js";
import type { Store } from "../store.js";
import type { JulesActivity } from "./jules-activity.js";
import type { JulesSession, JulesSessionOutput, JulesSessionState } from "./jules-session.js";

/** What a session was created with. */
export interface JulesSessionInput {
  id: string;
  /** The GitHub login owning the API key that created it. */
  owner: string;
  prompt: string;
  title: string;
  repo: Repo;
  startingBranch: string;
  /** `automationMode: AUTO_CREATE_PR`. */
  autoCreatePr: boolean;
  /** The issue the prompt names, or null. */
  issue: number | null;
  /** The agent working it. */
  agent: AgentActor;
  createTime: Date;
}

type StoredActivity = Omit<JulesActivity, "name" | "id" | "createTime"> & { at: Date };

/**
 * One session of the Jules API stand-in: what it was created with, the
 * agent's task once taken, and its activity log, caught up with the task
 * (commits pushed, pull request opened, failure) each time it is read.
 */
export class JulesSessionRecord {
  /** The agent's task; null while the session is queued. */
  task: AgentTask | null = null;
  private readonly log: StoredActivity[] = [];
  private seenCommits = 0;
  private seenPull = false;
  private seenFailure = false;

  constructor(
    readonly input: JulesSessionInput,
    private readonly store: Store,
  ) {
    this.log.push({ at: input.createTime, originator: "user", userMessaged: { userMessage: input.prompt } });
  }

  get id(): string {
    return this.input.id;
  }

  /** Records a message the key's owner sent. */
  addUserMessage(text: string): void {
    this.catchUp();
    this.log.push({ at: this.store.now(), originator: "user", userMessaged: { userMessage: text } });
  }

  /** Where the session stands, read from its task (see {@link JulesSessionState}). */
  state(): JulesSessionState {
    const task = this.task;
    if (!task) return "QUEUED";
    if (task.state === "pending") return "IN_PROGRESS";
    if (task.state === "failed" || task.state === "cancelled") return "FAILED";
    const answering = this.input.agent.nudges.some((n) => n.repo === task.repo && n.pull === task.pull && n.state === "pending");
    return task.state === "open" && answering ? "IN_PROGRESS" : "COMPLETED";
  }

  /** The session as the API renders it; `state` overrides the derived one (a fresh session answers `QUEUED`). */
  render(state?: JulesSessionState): JulesSession {
    this.catchUp();
    const { id, prompt, title, repo, startingBranch, createTime } = this.input;
    const updated = this.log.reduce((latest, entry) => (entry.at > latest ? entry.at : latest), createTime);
    return {
      name: `sessions/${id}`,
      id,
      prompt,
      title,
      state: state ?? this.state(),
      url: `https://jules.google.com/session/${id}`,
      sourceContext: { source: `sources/github/${repo.owner.login}/${repo.name}`, githubRepoContext: { startingBranch } },
      createTime: createTime.toISOString(),
      updateTime: updated.toISOString(),
      outputs: this.outputs(),
    };
  }

  /** The activity log, oldest first. */
  activities(): JulesActivity[] {
    this.catchUp();
    return this.log.map(({ at, ...rest }, index) => ({
      name: `sessions/${this.id}/activities/${index + 1}`,
      id: String(index + 1),
      createTime: at.toISOString(),
      ...rest,
    }));
  }

  private outputs(): JulesSessionOutput[] {
    const pullRequest = this.pullRequest();
    return pullRequest ? [{ pullRequest }] : [];
  }

  private pullRequest(): JulesSessionOutput["pullRequest"] | undefined {
    const number = this.task?.pull;
    if (number === null || number === undefined) return undefined;
    const { repo } = this.input;
    const issue = repo.issues.get(number);
    return { url: `https://github.com/${repo.owner.login}/${repo.name}/pull/${number}`, title: issue?.title ?? "", description: issue?.body ?? "" };
  }

  /** Adds an activity for each commit pushed and the pull request opened since the last read, at the time they happened. */
  private catchUp(): void {
    const task = this.task;
    if (!task) return;
    while (this.seenCommits < task.commits.length) {
      const sha = task.commits[this.seenCommits] as string;
      const at = this.store.commits.get(sha)?.committer.date ?? this.store.now();
      this.log.push({ at, originator: "agent", description: `Pushed ${sha.slice(0, 7)}`, progressUpdated: { title: "Pushed a commit", description: sha } });
      this.seenCommits += 1;
      const pullRequest = this.pullRequest();
      if (!this.seenPull && pullRequest) {
        const opened = this.input.repo.issues.get(task.pull as number)?.createdAt ?? at;
        this.log.push({
          at: opened,
          originator: "agent",
          description: `Opened pull request #${task.pull}`,
          agentMessaged: { agentMessage: `I opened ${pullRequest.url}.` },
          pullRequest,
        });
        this.seenPull = true;
      }
    }
    if (!this.seenFailure && (task.state === "failed" || task.state === "cancelled")) {
      this.log.push({ at: this.store.now(), originator: "agent", sessionFailed: { reason: task.reason ?? "the task could not be completed" } });
      this.seenFailure = true;
    }
  }
}
