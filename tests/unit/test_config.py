"""A bad config stops the bot with one line naming the key; a good one loads whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config import ConfigError, load_settings
from tests.support.conversation import EXAMPLE_CONFIG


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def example() -> dict[str, object]:
    data = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def error_for(tmp_path: Path, data: object) -> str:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, data))
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_the_example_config_loads_with_its_community() -> None:
    settings = load_settings(EXAMPLE_CONFIG)
    community = settings.communities[0]
    assert (settings.platform, settings.timezone) == ("console", "Asia/Shanghai")
    assert [g.name for g in community.grids] == ["网格3", "网格5"]
    assert community.grid_of_building("6") == "网格5"
    assert settings.days_for("疑难") == 10
    assert (settings.wechat.heartbeat, settings.wechat.heartbeat_timeout) == (60, 20)


def test_a_relative_sqlite_file_lives_beside_the_config(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, example()))
    assert settings.database.url == f"sqlite:///{tmp_path.resolve() / 'linli.db'}"


def test_the_database_url_can_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINLI_DATABASE_URL", "postgresql+psycopg://linli@127.0.0.1/linli")
    settings = load_settings(write(tmp_path, example()))
    assert settings.database.url == "postgresql+psycopg://linli@127.0.0.1/linli"


def test_category_overrides_add_keywords_and_keep_the_rest() -> None:
    taxonomy = {c.code: c for c in load_settings(EXAMPLE_CONFIG).taxonomy()}
    assert "僵尸车" in taxonomy["parking"].keywords
    assert taxonomy["drainage"].name == "排水管道"
    assert list(taxonomy)[-1] == "other"
    assert taxonomy["heating"].keywords["暖气片"] == 3.0  # weighed in the config


def test_keywords_listed_weigh_one_and_keywords_weighed_take_their_weight(tmp_path: Path) -> None:
    def taxonomy(keywords: object) -> dict[str, float]:
        data = example() | {"categories": [{"code": "drainage", "keywords": keywords}]}
        settings = load_settings(write(tmp_path, data))
        return dict(next(c for c in settings.taxonomy() if c.code == "drainage").keywords)

    built_in = taxonomy([])
    assert "井盖下沉" not in built_in
    listed = taxonomy(["漏水", "井盖下沉"])
    assert listed["井盖下沉"] == 1.0 and listed["漏水"] == built_in["漏水"]  # kept as it was
    weighed = taxonomy({"漏水": 0.5, "井盖下沉": 2.5})
    assert weighed["井盖下沉"] == 2.5 and weighed["漏水"] == 0.5
    message = error_for(
        tmp_path, example() | {"categories": [{"code": "drainage", "keywords": {"漏水": 9}}]}
    )
    assert "categories[0].keywords" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"platform": "qq"}, "platform — 应为 console, telegram, wechat 之一"),
        ({"timezone": "Asia/Shanghia"}, "timezone — 未知时区 Asia/Shanghia"),
        ({"quiet_hours": {"start": "25:00"}}, "quiet_hours.start — 应为 24 小时制时间"),
        ({"triage_days": {"简单": 1}}, "triage_days — 应正好包含 简单、复杂、疑难"),
        ({"databse": {}}, "databse — 不认识的设置项（拼写错误？）"),
        ({"communities": []}, "communities — 不能为空"),
        ({"wechat": {"heartbeat_timeout": 0}}, "wechat.heartbeat_timeout — 太小"),
        ({"wechat": {"heartbeat": -1}}, "wechat.heartbeat — 太小"),
    ],
)
def test_a_bad_setting_is_named_in_one_line(
    tmp_path: Path, change: dict[str, object], expected: str
) -> None:
    assert expected in error_for(tmp_path, example() | change)


def test_a_mistake_deep_inside_a_community_names_its_path(tmp_path: Path) -> None:
    data = example()
    communities = data["communities"]
    assert isinstance(communities, list)
    communities[0]["chats"][0]["grid"] = "网格9"
    message = error_for(tmp_path, data)
    assert message.startswith("配置错误 config.yaml：communities[0]")
    assert "群 网格3群 的网格 网格9 不在 grids 中" in message
    communities[0]["chats"][0] = {"platform": "console"}
    assert "communities[0].chats[0].ref — 缺少此项" in error_for(tmp_path, data)


def test_broken_yaml_and_a_missing_file_are_one_line_each(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("platform: [console\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="YAML 格式不对"):
        load_settings(path)
    with pytest.raises(ConfigError, match="找不到配置文件"):
        load_settings(tmp_path / "nope.yaml")


def test_phone_numbers_are_checked_and_only_staff_may_have_one(tmp_path: Path) -> None:
    data = example()
    communities = data["communities"]
    assert isinstance(communities, list)
    communities[0]["phone"] = "0931-81234x"
    assert "communities[0].phone — 应为电话号码" in error_for(tmp_path, data)
    communities[0]["phone"] = 13800138000  # YAML reads an unquoted number as an integer
    assert load_settings(write(tmp_path, data)).communities[0].phone == "13800138000"
    communities[0]["people"].append(
        {"platform": "console", "ref": "王芳", "role": "resident", "phone": "13900000000"}
    )
    assert "王芳 是居民，不登记电话" in error_for(tmp_path, data)


def test_guide_answers_are_checked_and_the_examples_load(tmp_path: Path) -> None:
    guide = load_settings(EXAMPLE_CONFIG).communities[0].guide
    assert guide[0].ask == "物业费、物业管理费" and guide[0].answer.startswith("住宅物业费")
    data = example()
    communities = data["communities"]
    assert isinstance(communities, list)
    communities[0]["guide"] = [{"ask": "车", "answer": "…"}]
    assert "关键词「车」太短" in error_for(tmp_path, data)
    communities[0]["guide"] = [{"ask": "停车费", "answer": "长" * 501}]
    assert "communities[0].guide[0].answer" in error_for(tmp_path, data)
    communities[0]["guide"] = [{"ask": "停车费"}]
    assert "communities[0].guide[0].answer" in error_for(tmp_path, data)
